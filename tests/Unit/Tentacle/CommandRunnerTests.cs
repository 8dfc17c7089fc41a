using System;
using System.Diagnostics;
using System.IO;
using OctoHa.Processes;
using Xunit;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>Running another program: real processes (sh, sleep), secrets masked in what comes back.</summary>
    public sealed class CommandRunnerTests
    {
        [Fact]
        public void Output_and_exit_code_come_back_with_every_secret_masked()
        {
            var command = new ExternalCommand("/bin/sh", new[] { "-c", "echo out API-SECRET42; echo err hunter2 >&2; exit 7", "API-SECRET42" }, new[] { "API-SECRET42", "hunter2" });
            var outcome = CommandRunner.Run(command, TimeSpan.FromSeconds(30));
            Assert.Equal(7, outcome.ExitCode);
            Assert.False(outcome.Succeeded);
            Assert.Contains("out API-********", outcome.Output, StringComparison.Ordinal);
            Assert.Contains("err ********", outcome.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET42", outcome.Output + command.Render(), StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", outcome.Output + command.Render(), StringComparison.Ordinal);
        }

        [Fact]
        public void Arguments_with_spaces_quotes_and_backslashes_reach_the_program_unchanged()
        {
            string[] args = { "-c", "printf '%s|' \"$@\"", "sh", "a b", "say \"hi\"", "C:\\Program Files\\", "", "tail\\\\" };
            var outcome = CommandRunner.Run(new ExternalCommand("/bin/sh", args), TimeSpan.FromSeconds(30));
            Assert.Equal("a b|say \"hi\"|C:\\Program Files\\||tail\\\\|", outcome.Output.TrimEnd());
        }

        [Fact]
        public void A_program_that_hangs_is_stopped_at_the_timeout()
        {
            var watch = Stopwatch.StartNew();
            var ex = Assert.Throws<OctoHaException>(() => CommandRunner.Run(new ExternalCommand("/bin/sleep", new[] { "30" }), TimeSpan.FromMilliseconds(300)));
            Assert.Equal("CommandTimedOut", ex.ErrorId);
            Assert.Contains("/bin/sleep 30", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_missing_program_is_CommandNotFound()
        {
            var ex = Assert.Throws<OctoHaException>(() => CommandRunner.Run(new ExternalCommand(Path.Combine(Path.GetTempPath(), "no-such-program-octoha"), new string[0])));
            Assert.Equal("CommandNotFound", ex.ErrorId);
        }
    }
}
