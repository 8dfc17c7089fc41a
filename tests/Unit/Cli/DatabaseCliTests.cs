using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tests.Database;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha database test` as a real process against real loopback ports (no SQL Server can run here).</summary>
    public sealed class DatabaseCliTests : IDisposable
    {
        private const string Secret = "S3cr3t-Pa55!";
        private const string Variable = "OCTOHA_DB_CONNECTION_STRING";
        private readonly LoopbackPorts _ports = new LoopbackPorts();
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "octoha-db-" + Guid.NewGuid().ToString("N"));

        public DatabaseCliTests() => Directory.CreateDirectory(_folder);

        public void Dispose()
        {
            _ports.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static Dictionary<string, string?> Env(string connectionString) => new Dictionary<string, string?> { [Variable] = connectionString };

        private static void NoSecret(CliProcess.Result r) => Assert.DoesNotContain(Secret, r.Stdout + r.Stderr, StringComparison.Ordinal);

        [Fact]
        public async Task A_closed_port_exits_1_with_Refused_in_json()
        {
            var r = await CliProcess.RunAsync(new[] { "database", "test", "--timeout", "2", "--output", "json", "-v" },
                Env($"Server=127.0.0.1,{_ports.ClosedPort};Database=Octopus;User ID=octo;Password={Secret}"));
            Assert.Equal(1, r.ExitCode);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.False(doc.RootElement.GetProperty("Connected").GetBoolean());
            Assert.Equal("Refused", doc.RootElement.GetProperty("Failure").GetString());
            Assert.Contains("********", doc.RootElement.GetProperty("ConnectionString").GetString());
            NoSecret(r);
        }

        [Fact]
        public async Task A_silent_listener_exits_1_with_Timeout_read_from_a_connection_string_file()
        {
            string file = Path.Combine(_folder, "cs.txt");
            File.WriteAllText(file, $"Server=tcp:127.0.0.1,{_ports.SilentPort};User ID=octo;Password={Secret}\n");
            var r = await CliProcess.RunAsync(new[] { "database", "test", "--connection-string-file", file, "--timeout", "1", "--verbose" });
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("Connected:   no (Timeout)", r.Stdout);
            Assert.Contains("Fail", r.Stdout);
            NoSecret(r);
        }

        [Fact]
        public async Task A_malformed_connection_string_exits_2_without_echoing_it()
        {
            var r = await CliProcess.RunAsync(new[] { "database", "test" }, Env($"Server=sql01;Password='{Secret}"));
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("InvalidConnectionString", r.Stderr);
            NoSecret(r);
        }

        [Fact]
        public async Task No_connection_string_exits_2_and_says_where_to_put_it()
        {
            var r = await CliProcess.RunAsync(new[] { "database", "test" });
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("ConnectionStringMissing", r.Stderr);
            Assert.Contains(Variable, r.Stderr);
        }

        [Fact]
        public async Task Help_offers_no_flag_that_takes_the_string_itself()
        {
            var r = await CliProcess.RunAsync(new[] { "database", "test", "--help" });
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("--connection-string-file", r.Stdout);
            Assert.DoesNotContain("--connection-string ", r.Stdout);
        }
    }
}
