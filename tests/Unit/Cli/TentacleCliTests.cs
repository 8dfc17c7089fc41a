using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tentacle;
using OctoHa.Tests.Tentacle;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha tentacle show|register|prune` as a real process on real Tentacle.config files.</summary>
    public sealed class TentacleCliTests : IDisposable
    {
        private const string Key = "API-CLITESTKEY0123456789ABCDEF";
        private readonly TentacleFixture _fx = new TentacleFixture();

        public void Dispose() => _fx.Dispose();

        private string Config() => _fx.Linux("[" + TentacleFixture.Entry("https://node1:10943") + "," + TentacleFixture.Entry("https://retired:10943") + "]");

        private Dictionary<string, string?> Home()
        {
            string home = Path.Combine(_fx.Root, "home");
            Directory.CreateDirectory(Path.Combine(home, "Tentacle", "Instances"));
            return new Dictionary<string, string?> { [TentacleInstances.HomeVariable] = home };
        }

        [Fact]
        public async Task Show_prints_json_with_the_status_of_each_node()
        {
            string path = Config();
            var result = await CliProcess.RunAsync(new[] { "tentacle", "show", "--config", path, "--node", "node1", "node2", "--output", "json" }, Home());
            Assert.Equal(0, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            var rows = doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("Status").GetString()!, e.GetProperty("Address").GetString()!)).ToList();
            Assert.Equal(new[] { ("Polled", "https://node1:10943"), ("Extra", "https://retired:10943"), ("Missing", "https://node2:10943") }, rows);
            Assert.Equal("TentacleActive", doc.RootElement[0].GetProperty("CommunicationStyle").GetString());
        }

        [Fact]
        public async Task Register_what_if_prints_the_change_and_writes_nothing_then_register_writes_it()
        {
            string path = Config();
            byte[] before = File.ReadAllBytes(path);
            var whatIf = await CliProcess.RunAsync(new[] { "tentacle", "register", "--config", path, "--node", "node1", "node2", "node3", "--what-if" }, Home());
            Assert.Equal(0, whatIf.ExitCode);
            Assert.Contains("What if: Add 2 polling entries (https://node2:10943, https://node3:10943) on " + path, whatIf.Stdout, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Empty(_fx.Backups(path));

            var real = await CliProcess.RunAsync(new[] { "tentacle", "register", "--config", path, "--node", "node1", "--node", "node2", "node3" }, Home());
            Assert.Equal(0, real.ExitCode);
            Assert.Contains("Added:      https://node2:10943, https://node3:10943", real.Stdout, StringComparison.Ordinal);
            Assert.Contains("WARNING: Tentacle reads its trusted servers only when it starts", real.Stderr, StringComparison.Ordinal);
            Assert.Equal(4, TentacleConfig.Load(path).TrustedServers.Count);
            Assert.Single(_fx.Backups(path));
        }

        [Fact]
        public async Task Register_poll_server_what_if_shows_the_commands_with_the_key_masked()
        {
            string path = Config();
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            var env = Home();
            env["OCTOPUS_API_KEY"] = Key;
            var result = await CliProcess.RunAsync(new[]
            {
                "tentacle", "register", "--config", path, "--node", "node1", "node2", "--method", "poll-server",
                "--server", "https://octopus.example.com", "--tentacle-path", tentacle.ProgramPath, "--what-if",
            }, env);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains($"What if: Run {tentacle.ProgramPath} poll-server --config {path} --server https://octopus.example.com/ --apiKey API-******** --server-comms-address https://node2:10943 on {path}.", result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, result.Stdout + result.Stderr, StringComparison.Ordinal);
            Assert.Empty(tentacle.Calls());
        }

        [Fact]
        public async Task Register_poll_server_runs_the_stand_in_and_prints_json_without_the_key()
        {
            string path = Config();
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            var env = Home();
            env["OCTOPUS_URL"] = "https://octopus.example.com";
            env["OCTOPUS_API_KEY"] = Key;
            var result = await CliProcess.RunAsync(new[]
            {
                "tentacle", "register", "--config", path, "--node", "node2", "--method", "poll-server", "--tentacle-path", tentacle.ProgramPath, "--output", "json",
            }, env);
            Assert.Equal(0, result.ExitCode);
            Assert.Single(tentacle.Calls());
            using var doc = JsonDocument.Parse(result.Stdout);
            Assert.Equal("https://node2:10943", doc.RootElement.GetProperty("Added")[0].GetString());
            Assert.True(doc.RootElement.GetProperty("RestartNeeded").GetBoolean());
            Assert.DoesNotContain(Key, result.Stdout + result.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Prune_removes_a_retired_node_and_keep_refuses_to_remove_every_polling_entry()
        {
            string path = Config();
            var keep = await CliProcess.RunAsync(new[] { "tentacle", "prune", "--config", path, "--keep", "https://octopus-lb:10943" }, Home());
            Assert.Equal(1, keep.ExitCode);
            Assert.Contains("octoha: WouldRemoveAllServers:", keep.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, TentacleConfig.Load(path).TrustedServers.Count);

            var remove = await CliProcess.RunAsync(new[] { "tentacle", "prune", "--config", path, "--remove", "retired", "--output", "json" }, Home());
            Assert.Equal(0, remove.ExitCode);
            using var doc = JsonDocument.Parse(remove.Stdout);
            Assert.Equal("https://retired:10943", doc.RootElement.GetProperty("Removed")[0].GetString());
            Assert.Equal(new[] { "https://node1:10943" }, TentacleConfig.Load(path).TrustedServers.Select(s => s.Address));
        }

        [Theory]
        [InlineData("prune")]
        [InlineData("prune --remove a --keep b")]
        [InlineData("register --method telnet --node a")]
        [InlineData("register")]
        public async Task Bad_usage_exits_2(string args)
        {
            string path = Config();
            var result = await CliProcess.RunAsync(new[] { "tentacle" }.Concat(args.Split(' ')).Concat(new[] { "--config", path }), Home());
            Assert.Equal(2, result.ExitCode);
        }

        [Fact]
        public async Task Bad_input_is_a_clear_error_that_changes_nothing()
        {
            string path = Config();
            byte[] before = File.ReadAllBytes(path);
            string malformed = _fx.Write("broken.config", System.Text.Encoding.UTF8.GetBytes("<octopus-settings><set key=\"x\">"));
            var cases = new (string[] Args, int Exit, string Id)[]
            {
                (new[] { "tentacle", "register", "--config", path, "--instance", "Tentacle", "--node", "n2" }, 2, "ConfigPathAndInstance"),
                (new[] { "tentacle", "register", "--config", path, "--node", "n2", "--host", "lb" }, 2, "HostNeedsUniquePort"),
                (new[] { "tentacle", "register", "--config", path, "--node", "n2", "--unique-port" }, 2, "UniquePortNeedsHost"),
                (new[] { "tentacle", "register", "--config", path, "--node", "https://n2:99999" }, 2, "InvalidNodeAddress"),
                (new[] { "tentacle", "register", "--config", malformed, "--node", "n2" }, 1, "TentacleConfigMalformedXml"),
                (new[] { "tentacle", "show", "--instance", "Nope" }, 1, "TentacleInstanceNotFound"),
                (new[] { "tentacle", "register", "--config", path, "--node", "n2", "--method", "poll-server" }, 2, "ServerUrlMissing"),
            };
            foreach (var (args, exit, id) in cases)
            {
                var result = await CliProcess.RunAsync(args, Home());
                Assert.True(exit == result.ExitCode, $"{string.Join(" ", args)} exited {result.ExitCode}: {result.Stderr}");
                Assert.Contains($"octoha: {id}:", result.Stderr, StringComparison.Ordinal);
            }
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Empty(_fx.Backups(path));
        }
    }
}
