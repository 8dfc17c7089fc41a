using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha node add` as a real process, running a STAND-IN Octopus.Server script (the real one cannot run here).</summary>
    public sealed class NodeAddCliTests : IDisposable
    {
        private const string Password = "Cli-Pa55word!";
        private const string MasterKey = "Q2xpTWFzdGVyS2V5MTIzNA==";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "octoha-nodeadd-cli-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        private readonly StandInProgram _server;

        public NodeAddCliTests()
        {
            Directory.CreateDirectory(_root);
            _server = new StandInProgram(_root, "Octopus.Server");
        }

        public void Dispose()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        // Port 1 on loopback: nothing listens, so a real database check fails fast.
        private static Dictionary<string, string?> Secrets() => new Dictionary<string, string?>
        {
            ["OCTOHA_DB_CONNECTION_STRING"] = "Server=127.0.0.1,1;Database=Octopus;User ID=octo;Password=" + Password + ";Connect Timeout=2",
            ["OCTOHA_MASTER_KEY"] = MasterKey,
        };

        private string[] Args(params string[] extra) => new[]
        {
            "node", "add", "--node-name", "OCTO4", "--storage", Path.Combine(_root, "shared"), "--web-listen-prefix", "http://localhost:8080/",
            "--server-path", _server.ProgramPath,
        }.Concat(extra).ToArray();

        private static void AssertNoSecret(CliProcess.Result r)
        {
            Assert.DoesNotContain(Password, r.Stdout + r.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(MasterKey, r.Stdout + r.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public async Task What_if_prints_the_numbered_plan_with_secrets_masked_and_runs_nothing()
        {
            var r = await CliProcess.RunAsync(Args("--skip-preflight", "--what-if"), Secrets());
            Assert.Equal(0, r.ExitCode);
            Assert.Contains($"  2. {_server.ProgramPath} database --instance OctopusServer --connectionString \"Server=127.0.0.1,1;Database=Octopus;User ID=octo;Password=********;Connect Timeout=2\" --masterKey ********", r.Stdout);
            Assert.Contains($"  6. {_server.ProgramPath} node --instance OctopusServer --taskCap=0", r.Stdout);
            Assert.Contains("Plan (nothing was run):", r.Stdout);
            Assert.Empty(_server.Calls());
            AssertNoSecret(r);
        }

        [Fact]
        public async Task Runs_the_sequence_and_prints_json_without_secrets()
        {
            var r = await CliProcess.RunAsync(Args("--skip-preflight", "--task-cap", "2", "--output", "json"), Secrets());
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(6, _server.Calls().Length);
            Assert.Equal("node --instance OctopusServer --taskCap=2", _server.Calls()[5]);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.True(doc.RootElement.GetProperty("Completed").GetBoolean());
            Assert.Equal("Done", doc.RootElement.GetProperty("Steps")[5].GetProperty("Status").GetString());
            AssertNoSecret(r);
        }

        [Fact]
        public async Task A_failed_step_exits_1_with_the_undo_commands_and_no_secret()
        {
            _server.FailOn("database");
            var r = await CliProcess.RunAsync(Args("--skip-preflight"), Secrets());
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("octoha: NodeSetupStepFailed: Step 2 of 6 (database) failed", r.Stderr);
            Assert.Contains("delete-instance --instance OctopusServer", r.Stderr);
            Assert.Equal(2, _server.Calls().Length);
            AssertNoSecret(r);
        }

        [Fact]
        public async Task A_database_this_host_cannot_reach_fails_the_preflight_before_any_command()
        {
            var r = await CliProcess.RunAsync(Args(), Secrets());
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("octoha: PreflightFailed:", r.Stderr);
            Assert.Empty(_server.Calls());
            AssertNoSecret(r);

            // The preview still prints the plan, headed by the failure, and exits 1 for scripts that use it as a check.
            var preview = await CliProcess.RunAsync(Args("--what-if"), Secrets());
            Assert.Equal(1, preview.ExitCode);
            Assert.Contains("What if: PREFLIGHT FAILED (Database.Connect", preview.Stdout);
            Assert.True(preview.Stdout.Contains("2. " + _server.ProgramPath + " database --instance OctopusServer --connectionString", StringComparison.Ordinal), preview.Stdout);
            Assert.Empty(_server.Calls());
            AssertNoSecret(preview);
        }

        [Fact]
        public async Task Container_kubernetes_prints_secret_references_and_needs_no_secret()
        {
            var r = await CliProcess.RunAsync(new[] { "node", "add", "--node-name", "OCTO4", "--container", "--container-format", "kubernetes", "--secret-name", "octo" });
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("secretKeyRef:", r.Stdout);
            Assert.Contains("name: octo", r.Stdout);
            Assert.Contains("- name: TASK_CAP", r.Stdout);
            Assert.Empty(_server.Calls());
        }

        [Fact]
        public async Task Missing_master_key_is_bad_usage()
        {
            var env = Secrets();
            env["OCTOHA_MASTER_KEY"] = null;
            var r = await CliProcess.RunAsync(Args("--skip-preflight"), env);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("MasterKeyMissing", r.Stderr);
            Assert.Empty(_server.Calls());
        }
    }
}
