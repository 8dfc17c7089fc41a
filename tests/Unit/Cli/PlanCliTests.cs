using System.Text.Json;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha plan task-cap`, run as a real process.</summary>
    public sealed class PlanCliTests
    {
        [Fact]
        public void Json_output_carries_the_guides_figures_and_nothing_else_on_stdout()
        {
            var result = CliProcess.Run("plan", "task-cap", "--projects", "50", "--average-minutes", "30", "--window-minutes", "120", "--nodes", "2", "--output", "json");
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout); // throws if anything but one JSON document is on stdout
            Assert.Equal(13, doc.RootElement.GetProperty("RequiredTaskCap").GetInt32());
            Assert.Equal(16, doc.RootElement.GetProperty("RecommendedTaskCap").GetInt32());
            Assert.Equal(8, doc.RootElement.GetProperty("TaskCapPerNode").GetInt32());
            Assert.Equal(100, doc.RootElement.GetProperty("DatabaseCompute").GetProperty("AzureDtus").GetInt32());
        }

        [Fact]
        public void Table_output_is_readable_and_warnings_go_to_stderr()
        {
            var result = CliProcess.Run("plan", "task-cap", "--projects", "50", "--window-minutes", "120", "--nodes", "1");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Task cap per node", result.Stdout);
            Assert.Contains("16", result.Stdout);
            Assert.DoesNotContain("WARNING", result.Stdout);
            Assert.Contains("WARNING: One node is not high availability", result.Stderr);
        }

        [Theory]
        [InlineData("--projects", "0", "InvalidProjectCount")]
        [InlineData("--projects", "-3", "InvalidProjectCount")]
        public void Bad_input_exits_2_with_the_error_id(string flag, string value, string errorId)
        {
            var result = CliProcess.Run("plan", "task-cap", flag, value, "--window-minutes", "120", "--nodes", "2");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(errorId, result.Stderr);
            Assert.Equal("", result.Stdout);
        }

        [Fact]
        public void Missing_input_exits_2_and_names_what_is_missing()
        {
            var result = CliProcess.Run("plan", "task-cap", "--projects", "50");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--window-minutes", result.Stderr);
            Assert.Contains("--nodes", result.Stderr);
        }

        [Fact]
        public void Unparseable_numbers_are_bad_usage()
        {
            var result = CliProcess.Run("plan", "task-cap", "--projects", "fifty", "--window-minutes", "120", "--nodes", "2");
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("fifty", result.Stderr);
        }
    }
}
