using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tests.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha node ...` as a real process against the emulated cluster over HTTP.</summary>
    public sealed class NodeCliTests
    {
        private static Dictionary<string, string?> Env(EmulatorHarness h) => new Dictionary<string, string?>
        {
            ["OCTOPUS_URL"] = h.Cluster.ApiUrl.ToString(),
            ["OCTOPUS_API_KEY"] = h.Cluster.ApiKey,
        };

        [Fact]
        public async Task Node_list_json_items_have_exactly_the_documented_keys()
        {
            await using var h = await EmulatorHarness.StartAsync(3);
            var result = await CliProcess.RunAsync(new[] { "node", "list", "--output", "json" }, Env(h));
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            Assert.Equal(3, doc.RootElement.GetArrayLength());
            foreach (JsonElement node in doc.RootElement.EnumerateArray())
            {
                Assert.Equal(new[] { "Draining", "Id", "LastSeen", "Name", "RunningTasks", "State", "TaskCap", "Version" },
                    node.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
                Assert.Equal("Online", node.GetProperty("State").GetString());
            }
        }

        [Fact]
        public async Task Node_list_table_and_an_unknown_name()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            var result = await CliProcess.RunAsync(new[] { "node", "list", "OCTO-NODE-1", "GHOST" }, Env(h));
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("OCTO-NODE-1", result.Stdout);
            Assert.Contains("TaskCap", result.Stdout);
            Assert.Contains("NodeNotFound", result.Stderr);
            Assert.Contains("Known nodes: OCTO-NODE-1, OCTO-NODE-2", result.Stderr);
        }

        [Fact]
        public async Task Server_flag_and_key_file_work_without_environment()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            string keyFile = Path.GetTempFileName();
            try
            {
                File.WriteAllText(keyFile, h.Cluster.ApiKey + "\n");
                var result = await CliProcess.RunAsync(new[] { "node", "set-task-cap", "OCTO-NODE-1", "7", "--server", h.Cluster.ApiUrl.ToString(), "--api-key-file", keyFile });
                Assert.Equal(0, result.ExitCode);
                Assert.Equal(7, h.Cluster.Node("OCTO-NODE-1").TaskCap);
                Assert.DoesNotContain(h.Cluster.ApiKey, result.Stdout + result.Stderr);
            }
            finally
            {
                File.Delete(keyFile);
            }
        }

        [Fact]
        public async Task What_if_describes_and_changes_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var result = await CliProcess.RunAsync(new[] { "node", "set-task-cap", "OCTO-NODE-1", "9", "--what-if" }, Env(h));
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("What if: Set task cap from 5 to 9", result.Stdout);
            Assert.Equal(5, h.Cluster.Node("OCTO-NODE-1").TaskCap);
        }

        [Fact]
        public async Task A_negative_task_cap_is_bad_input()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var result = await CliProcess.RunAsync(new[] { "node", "set-task-cap", "OCTO-NODE-1", "--", "-3" }, Env(h));
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("InvalidTaskCap", result.Stderr);
            Assert.Equal(5, h.Cluster.Node("OCTO-NODE-1").TaskCap);
        }

        [Fact]
        public async Task A_rejected_key_exits_1_and_never_prints_the_key()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            const string wrong = "API-THISKEYISWRONG0123456789";
            var result = await CliProcess.RunAsync(new[] { "node", "list" }, new Dictionary<string, string?> { ["OCTOPUS_URL"] = h.Cluster.ApiUrl.ToString(), ["OCTOPUS_API_KEY"] = wrong });
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("ApiKeyRejected", result.Stderr);
            Assert.DoesNotContain(wrong, result.Stdout + result.Stderr);
        }

        [Fact]
        public async Task Missing_server_or_key_is_bad_usage()
        {
            var noServer = await CliProcess.RunAsync(new[] { "node", "list" });
            Assert.Equal(2, noServer.ExitCode);
            Assert.Contains("OCTOPUS_URL", noServer.Stderr);
            var badUrl = await CliProcess.RunAsync(new[] { "node", "list", "--server", "octopus" }, new Dictionary<string, string?> { ["OCTOPUS_API_KEY"] = "API-ABCDEFGH12345" });
            Assert.Equal(2, badUrl.ExitCode);
            Assert.Contains("ServerUrlMalformed", badUrl.Stderr);
        }

        [Fact]
        public async Task Drain_wait_resume_and_remove_round_trip()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            await h.SetTaskCapAsync("OCTO-NODE-2", 0);
            h.Cluster.QueueTask(TimeSpan.FromMilliseconds(800), description: "Deploy Web to Production");
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "the task to start");

            var drain = await CliProcess.RunAsync(new[] { "node", "drain", "OCTO-NODE-1", "--wait", "--poll-interval", "1", "--output", "json" }, Env(h));
            Assert.Equal(0, drain.ExitCode);
            using (var doc = JsonDocument.Parse(drain.Stdout))
            {
                Assert.True(doc.RootElement.GetProperty("Draining").GetBoolean());
                Assert.Equal(0, doc.RootElement.GetProperty("RemainingTasks").GetArrayLength());
            }
            Assert.Equal("Success", h.Cluster.Tasks.Single().State);

            var again = await CliProcess.RunAsync(new[] { "node", "drain", "OCTO-NODE-1" }, Env(h));
            Assert.Contains("already draining", again.Stdout);

            var resume = await CliProcess.RunAsync(new[] { "node", "resume", "OCTO-NODE-1" }, Env(h));
            Assert.Equal(0, resume.ExitCode);
            Assert.False(h.Cluster.Node("OCTO-NODE-1").IsDraining);

            await h.Cluster.Node("OCTO-NODE-2").KillAsync();
            var remove = await CliProcess.RunAsync(new[] { "node", "remove", "OCTO-NODE-2" }, Env(h));
            Assert.Equal(0, remove.ExitCode);
            Assert.Contains("Removed OCTO-NODE-2", remove.Stdout);
        }

        [Fact]
        public async Task Drain_timeout_exits_1_listing_the_tasks()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            h.Cluster.QueueTask(TimeSpan.FromMinutes(10), description: "Deploy Billing to Production");
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "the task to start");
            var result = await CliProcess.RunAsync(new[] { "node", "drain", "OCTO-NODE-1", "--wait", "--timeout", "1", "--poll-interval", "1" }, Env(h));
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("DrainTimedOut", result.Stderr);
            Assert.Contains("Deploy Billing to Production", result.Stderr);
        }

        [Fact]
        public async Task Ping_exits_1_when_any_node_is_offline()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            string[] urls = h.Cluster.Nodes.Select(n => n.Url.ToString()).ToArray();
            var healthy = await CliProcess.RunAsync(new[] { "node", "ping" }.Concat(urls).Append("--output").Append("json").ToArray());
            Assert.Equal(0, healthy.ExitCode);
            using (var doc = JsonDocument.Parse(healthy.Stdout))
            {
                Assert.All(doc.RootElement.EnumerateArray(), r => Assert.Equal("Online", r.GetProperty("State").GetString()));
            }
            await h.Cluster.Node("OCTO-NODE-2").KillAsync();
            var degraded = await CliProcess.RunAsync(new[] { "node", "ping" }.Concat(urls).ToArray());
            Assert.Equal(1, degraded.ExitCode);
            Assert.Contains("Offline", degraded.Stdout);
        }
    }
}
