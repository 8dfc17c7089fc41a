using System;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Cluster;
using OctoHa.Tentacle;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>The engine calls behind Get-, Register- and Unregister-OctoHaPollingTentacle, on real files and a stand-in Tentacle.</summary>
    public sealed class PollingTentaclesTests : IDisposable
    {
        private const string Key = "API-ABCDEFGHIJKLMNOPQRSTUV1234";
        private readonly TentacleFixture _fx = new TentacleFixture();
        private readonly string _home;

        public PollingTentaclesTests()
        {
            _home = Path.Combine(_fx.Root, "home");
            Directory.CreateDirectory(Path.Combine(_home, "Tentacle", "Instances"));
        }

        public void Dispose() => _fx.Dispose();

        private string OneNode(string name = "tentacle-Tentacle.config") => _fx.Linux("[" + TentacleFixture.Entry("https://node1:10943") + "]", name);

        private void Index(string instance, string configPath) =>
            File.WriteAllText(Path.Combine(_home, "Tentacle", "Instances", instance.ToLowerInvariant() + ".config"),
                "{\"Name\":\"" + instance + "\",\"ConfigurationFilePath\":\"" + configPath.Replace("\\", "\\\\") + "\"}");

        private static OctopusConnection Connection() => new OctopusConnection(new Uri("https://octopus.example.com/"), ApiKey.Parse(Key, "test"));

        [Fact]
        public void Show_lists_every_trusted_server_and_with_nodes_says_which_are_polled_missing_or_extra()
        {
            string path = _fx.Linux("[" + TentacleFixture.Entry("https://node1:10943") + "," + TentacleFixture.Entry("https://retired:10943") + "," +
                                    TentacleFixture.Entry(null!, style: 1, thumbprint: "AAAA", subscription: null) + "]");

            var plain = PollingTentacles.Show(new PollingTentacleQuery { ConfigPath = path, InstanceHome = _home });
            Assert.Equal(3, plain.Count);
            Assert.All(plain, s => Assert.Equal(PollingTentacleServer.Trusted, s.Status));
            Assert.Equal(new[] { "TentacleActive", "TentacleActive", "TentaclePassive" }, plain.Select(s => s.CommunicationStyle));
            Assert.Equal(TentacleFixture.Subscription, plain[0].SubscriptionId);

            var report = PollingTentacles.Show(new PollingTentacleQuery { ConfigPath = path, InstanceHome = _home, Nodes = { "node1", "NODE2:10943", "https://node3:10950" } });
            Assert.Equal(new[] { "Polled https://node1:10943", "Extra https://retired:10943", "NotPolling ", "Missing https://node2:10943", "Missing https://node3:10950" },
                report.Select(s => s.ToString()));
        }

        [Fact]
        public void Register_by_instance_finds_the_config_through_the_index_adds_the_missing_nodes_and_says_to_restart()
        {
            string path = OneNode();
            Index("Tentacle", path);
            var observer = new RecordingObserver();

            var change = PollingTentacles.Register(new PollingRegisterRequest { InstanceHome = _home, Nodes = { "node1", "node2", "node3" } }, observer, CancellationToken.None);

            Assert.Equal("Tentacle", change.Instance);
            Assert.Equal(path, change.ConfigPath);
            Assert.Equal(new[] { "https://node2:10943", "https://node3:10943" }, change.Added);
            Assert.Equal(new[] { "https://node1:10943", "https://node2:10943", "https://node3:10943" }, change.Polling);
            Assert.True(change.Changed);
            Assert.True(change.RestartNeeded);
            Assert.True(File.Exists(change.BackupPath));
            Assert.Contains(observer.Warnings, w => w.Contains("/opt/octopus/tentacle/Tentacle service --restart --instance Tentacle", StringComparison.Ordinal));
            var polled = TentacleConfig.Load(path).TrustedServers;
            Assert.All(polled, s => Assert.Equal(TentacleFixture.Subscription, s.SubscriptionId));

            // Idempotent: the second run changes nothing, writes no second backup, and asks for no restart.
            var again = PollingTentacles.Register(new PollingRegisterRequest { InstanceHome = _home, Nodes = { "node1", "node2", "node3" } }, new RecordingObserver(), CancellationToken.None);
            Assert.False(again.Changed);
            Assert.False(again.RestartNeeded);
            Assert.Empty(again.Added);
            Assert.Single(_fx.Backups(path));
        }

        [Fact]
        public void Register_by_path_names_the_instance_the_index_gives_that_path()
        {
            string path = OneNode("custom.config");
            Index("Worker Pool A", path);
            var change = PollingTentacles.Register(new PollingRegisterRequest { ConfigPath = path, InstanceHome = _home, Nodes = { "node2" } }, new RecordingObserver(), CancellationToken.None);
            Assert.Equal("Worker Pool A", change.Instance);

            string other = OneNode("unindexed.config");
            var observer = new RecordingObserver();
            var unindexed = PollingTentacles.Register(new PollingRegisterRequest { ConfigPath = other, InstanceHome = _home, Nodes = { "node2" } }, observer, CancellationToken.None);
            Assert.Null(unindexed.Instance);
            // Without an instance name, Tentacle is told the config path instead.
            Assert.Contains(observer.Warnings, w => w.Contains("service --restart --config " + other, StringComparison.Ordinal));
        }

        [Fact]
        public void Register_with_unique_ports_gives_one_host_consecutive_ports_in_the_order_given()
        {
            string path = _fx.Linux("[" + TentacleFixture.Entry("https://lb.example.com:10943") + "]");
            var change = PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, InstanceHome = _home, Nodes = { "node1", "node2", "node3" },
                UniquePortHost = TentacleNodes.UniquePortHost(true, "lb.example.com"), FirstPort = 10943,
            }, new RecordingObserver(), CancellationToken.None);
            Assert.Equal(new[] { "https://lb.example.com:10944", "https://lb.example.com:10945" }, change.Added);
        }

        [Fact]
        public void Unique_port_mode_and_host_must_come_together()
        {
            Assert.Equal("UniquePortNeedsHost", Assert.Throws<OctoHaException>(() => TentacleNodes.UniquePortHost(true, " ")).ErrorId);
            Assert.Equal("HostNeedsUniquePort", Assert.Throws<OctoHaException>(() => TentacleNodes.UniquePortHost(false, "lb")).ErrorId);
            Assert.Null(TentacleNodes.UniquePortHost(false, null));
            Assert.Equal("NoNodesGiven", Assert.Throws<OctoHaException>(() => TentacleNodes.Resolve(new[] { " " }, null, 10943)).ErrorId);
            Assert.Equal("InvalidNodeAddress", Assert.Throws<OctoHaException>(() => TentacleNodes.Resolve(new[] { "Octopus Node 1" }, null, 10943)).ErrorId);
        }

        [Fact]
        public void An_unknown_instance_is_a_clear_error_naming_the_index_it_looked_for()
        {
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Show(new PollingTentacleQuery { Instance = "Nope", InstanceHome = _home }));
            Assert.Equal("TentacleInstanceNotFound", ex.ErrorId);
            Assert.Contains(Path.Combine(_home, "Tentacle", "Instances", "nope.config"), ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_config_path_and_an_instance_together_are_refused()
        {
            string path = OneNode();
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Show(new PollingTentacleQuery { ConfigPath = path, Instance = "Tentacle", InstanceHome = _home }));
            Assert.Equal("ConfigPathAndInstance", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void PollServer_runs_one_command_per_missing_node_with_the_key_masked_in_everything_it_reports()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            string path = OneNode();
            Index("Tentacle", path);
            var observer = new RecordingObserver();

            var change = PollingTentacles.Register(new PollingRegisterRequest
            {
                InstanceHome = _home, Nodes = { "node1", "node2", "node3" }, Method = RegistrationMethod.PollServer,
                Connection = Connection(), TentaclePath = tentacle.ProgramPath,
            }, observer, CancellationToken.None);

            Assert.Equal(new[]
            {
                "poll-server --instance Tentacle --server https://octopus.example.com/ --apiKey " + Key + " --server-comms-address https://node2:10943",
                "poll-server --instance Tentacle --server https://octopus.example.com/ --apiKey " + Key + " --server-comms-address https://node3:10943",
            }, tentacle.Calls());
            Assert.Equal(new[] { "https://node2:10943", "https://node3:10943" }, change.Added);
            Assert.Equal("PollServer", change.Method);
            Assert.True(change.Changed);
            Assert.Null(change.BackupPath); // Tentacle edits its own file with poll-server
            Assert.All(change.Commands, c => Assert.Contains("--apiKey API-********", c, StringComparison.Ordinal));
            Assert.DoesNotContain(Key, string.Join("\n", change.Commands) + observer.AllText, StringComparison.Ordinal);
        }

        [Fact]
        public void PollServer_declined_runs_nothing_and_shows_each_command_masked()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            string path = OneNode();
            var observer = new RecordingObserver(approve: false);
            var change = PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, InstanceHome = _home, Nodes = { "node2" }, Method = RegistrationMethod.PollServer,
                Connection = Connection(), TentaclePath = tentacle.ProgramPath,
            }, observer, CancellationToken.None);

            Assert.Empty(tentacle.Calls());
            Assert.False(change.Changed);
            var (target, action) = Assert.Single(observer.Asked);
            Assert.Equal(path, target);
            Assert.Equal($"Run {tentacle.ProgramPath} poll-server --config {path} --server https://octopus.example.com/ --apiKey API-******** --server-comms-address https://node2:10943", action);
        }

        [Fact]
        public void PollServer_failure_stops_says_what_was_added_and_never_shows_the_key()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            tentacle.FailAt(2);
            string path = OneNode();
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, InstanceHome = _home, Nodes = { "node2", "node3", "node4" }, Method = RegistrationMethod.PollServer,
                Connection = Connection(), TentaclePath = tentacle.ProgramPath,
            }, new RecordingObserver(), CancellationToken.None));

            Assert.Equal("PollServerFailed", ex.ErrorId);
            Assert.Equal(2, tentacle.Calls().Length); // the third node was not tried
            Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Added before it failed: https://node2:10943", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Error: the server refused", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
            Assert.Contains("API-********", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void PollServer_without_a_connection_or_with_a_missing_program_changes_nothing()
        {
            string path = OneNode();
            byte[] before = File.ReadAllBytes(path);
            Assert.Equal("ServerConnectionMissing", Assert.Throws<OctoHaException>(() => PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, Nodes = { "node2" }, Method = RegistrationMethod.PollServer,
            }, null, CancellationToken.None)).ErrorId);
            var missing = Assert.Throws<OctoHaException>(() => PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, Nodes = { "node2" }, Method = RegistrationMethod.PollServer, Connection = Connection(),
                TentaclePath = Path.Combine(_fx.Root, "no", "Tentacle"),
            }, null, CancellationToken.None));
            Assert.Equal("TentacleNotFound", missing.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void Restart_runs_service_restart_for_the_instance_after_a_change_only()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            string path = OneNode();
            Index("Tentacle", path);
            PollingRegisterRequest Request() => new PollingRegisterRequest
            {
                InstanceHome = _home, Nodes = { "node1", "node2" }, Restart = true, TentaclePath = tentacle.ProgramPath, ServiceManagerProbe = () => true,
            };

            var change = PollingTentacles.Register(Request(), new RecordingObserver(), CancellationToken.None);
            Assert.True(change.Restarted);
            Assert.False(change.RestartNeeded);
            Assert.Equal(new[] { "service --restart --instance Tentacle" }, tentacle.Calls());

            var again = PollingTentacles.Register(Request(), new RecordingObserver(), CancellationToken.None);
            Assert.False(again.Restarted);
            Assert.Single(tentacle.Calls()); // nothing changed, so no restart
        }

        [Fact]
        public void Restart_that_fails_says_the_config_was_changed_and_how_to_restart()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            tentacle.FailAt(1);
            string path = OneNode();
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, InstanceHome = _home, Nodes = { "node2" }, Restart = true, TentaclePath = tentacle.ProgramPath, ServiceManagerProbe = () => true,
            }, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("TentacleRestartFailed", ex.ErrorId);
            Assert.Contains("were changed (backup '", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Restart it yourself: " + tentacle.ProgramPath + " service --restart --config " + path, ex.Message, StringComparison.Ordinal);
            Assert.Equal(2, TentacleConfig.Load(path).TrustedServers.Count);
        }

        [Fact]
        public void Restart_without_a_service_manager_is_refused_before_anything_changes()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            string path = OneNode();
            byte[] before = File.ReadAllBytes(path);
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, Nodes = { "node2" }, Restart = true, TentaclePath = tentacle.ProgramPath, ServiceManagerProbe = () => false,
            }, null, CancellationToken.None));
            Assert.Equal("NoServiceManager", ex.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Empty(tentacle.Calls());
            Assert.Empty(_fx.Backups(path));
        }

        [Fact]
        public void Unregister_removes_retired_nodes_and_warns_about_addresses_it_did_not_find()
        {
            string path = _fx.Linux("[" + string.Join(",", new[] { "node1", "node2", "retired" }.Select(n => TentacleFixture.Entry($"https://{n}:10943"))) + "]");
            var observer = new RecordingObserver();
            var change = PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = path, InstanceHome = _home, Remove = new[] { "retired", "gone:10943" } }, observer, CancellationToken.None);

            Assert.Equal("Prune", change.Method);
            Assert.Equal(new[] { "https://retired:10943" }, change.Removed);
            Assert.Equal(new[] { "https://gone:10943" }, change.Unmatched);
            Assert.Equal(new[] { "https://node1:10943", "https://node2:10943" }, change.Polling);
            Assert.True(change.Changed);
            Assert.Contains(observer.Warnings, w => w.StartsWith("https://gone:10943 is not among the trusted servers", StringComparison.Ordinal));
            Assert.Equal(new[] { "https://node1:10943", "https://node2:10943" }, TentacleConfig.Load(path).TrustedServers.Select(s => s.Address));
        }

        [Fact]
        public void The_move_to_one_load_balanced_address_registers_it_then_keeps_only_it()
        {
            string path = _fx.Windows("[" + string.Join(",", new[] { "node1", "node2", "node3" }.Select(n => TentacleFixture.Entry($"https://{n}:10943"))) + "]");
            byte[] original = File.ReadAllBytes(path);

            // Keeping an address that is not registered yet would remove every polling entry: refused, nothing written.
            var refused = Assert.Throws<OctoHaException>(() => PollingTentacles.Unregister(
                new PollingUnregisterRequest { ConfigPath = path, InstanceHome = _home, Keep = new[] { "https://octopus-lb:10943" } }, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("WouldRemoveAllServers", refused.ErrorId);
            Assert.Equal(original, File.ReadAllBytes(path));

            PollingTentacles.Register(new PollingRegisterRequest { ConfigPath = path, InstanceHome = _home, Nodes = { "https://octopus-lb:10943" } }, new RecordingObserver(), CancellationToken.None);
            var change = PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = path, InstanceHome = _home, Keep = new[] { "octopus-lb" } }, new RecordingObserver(), CancellationToken.None);

            Assert.Equal(new[] { "https://node1:10943", "https://node2:10943", "https://node3:10943" }, change.Removed);
            var left = Assert.Single(TentacleConfig.Load(path).TrustedServers);
            Assert.Equal("https://octopus-lb:10943", left.Address);
            Assert.Equal(TentacleFixture.Subscription, left.SubscriptionId); // unlike configure --reset-trust
            // Everything but the trusted servers is byte for byte what it was.
            Assert.Equal(TentacleFixture.WithoutTrusted(original), TentacleFixture.WithoutTrusted(File.ReadAllBytes(path)));
        }

        [Fact]
        public void Unregister_needs_exactly_one_of_remove_and_keep()
        {
            string path = OneNode();
            Assert.Equal("InvalidPruneRequest", Assert.Throws<OctoHaException>(() => PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = path }, null, CancellationToken.None)).ErrorId);
            Assert.Equal("InvalidPruneRequest", Assert.Throws<OctoHaException>(() => PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = path, Remove = new[] { "a" }, Keep = new[] { "b" } }, null, CancellationToken.None)).ErrorId);
            Assert.Equal("NoAddressesGiven", Assert.Throws<OctoHaException>(() => PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = path, Remove = new string[0] }, null, CancellationToken.None)).ErrorId);
        }

        [Fact]
        public void A_declined_change_leaves_no_file_beside_the_config_and_reports_nothing_added()
        {
            string path = OneNode();
            var change = PollingTentacles.Register(new PollingRegisterRequest { ConfigPath = path, InstanceHome = _home, Nodes = { "node1", "node2" } },
                new RecordingObserver(approve: false), CancellationToken.None);
            Assert.False(change.Changed);
            Assert.Empty(change.Added);
            Assert.Equal(new[] { "https://node1:10943" }, change.Polling);
            Assert.Equal(new[] { Path.GetFileName(path) }, Directory.GetFiles(_fx.Root).Select(Path.GetFileName)); // no lock, temp or backup

            string three = _fx.Linux("[" + TentacleFixture.Entry("https://node1:10943") + "," + TentacleFixture.Entry("https://old:10943") + "]", "two.config");
            var prune = PollingTentacles.Unregister(new PollingUnregisterRequest { ConfigPath = three, InstanceHome = _home, Remove = new[] { "old" } },
                new RecordingObserver(approve: false), CancellationToken.None);
            Assert.Empty(prune.Removed);
            Assert.Equal(new[] { "https://node1:10943", "https://old:10943" }, prune.Polling);
        }

        [Fact]
        public void Keeping_only_an_address_that_is_not_registered_says_to_register_it_first()
        {
            string path = OneNode();
            var ex = Assert.Throws<OctoHaException>(() => PollingTentacles.Unregister(
                new PollingUnregisterRequest { ConfigPath = path, InstanceHome = _home, Keep = new[] { "octopus-lb" } }, new RecordingObserver(), CancellationToken.None));
            Assert.Equal("WouldRemoveAllServers", ex.ErrorId);
            Assert.Contains("register that address first", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_listening_tentacle_misses_no_node_because_the_nodes_connect_to_it()
        {
            string path = _fx.Linux("[" + TentacleFixture.Entry(null!, style: 1, subscription: null) + "]");
            var report = PollingTentacles.Show(new PollingTentacleQuery { ConfigPath = path, InstanceHome = _home, Nodes = { "node1", "node2" } });
            Assert.Equal(new[] { PollingTentacleServer.NotPolling }, report.Select(s => s.Status));
        }

        [Fact]
        public void Websocket_nodes_keep_their_path_and_poll_server_names_them_with_server_web_socket()
        {
            var tentacle = new StandInProgram(_fx.Root, "Tentacle");
            string path = _fx.Linux("[" + TentacleFixture.Entry("wss://octo1.example.com:443/OctopusComms") + "]");
            var show = PollingTentacles.Show(new PollingTentacleQuery { ConfigPath = path, InstanceHome = _home, Nodes = { "wss://OCTO1.example.com/OctopusComms/", "wss://octo2.example.com/OctopusComms" } });
            Assert.Equal(new[] { "Polled wss://octo1.example.com:443/OctopusComms", "Missing wss://octo2.example.com:443/OctopusComms" }, show.Select(s => s.ToString()));

            PollingTentacles.Register(new PollingRegisterRequest
            {
                ConfigPath = path, InstanceHome = _home, Nodes = { "wss://octo2.example.com/OctopusComms" }, Method = RegistrationMethod.PollServer,
                Connection = Connection(), TentaclePath = tentacle.ProgramPath,
            }, new RecordingObserver(), CancellationToken.None);
            Assert.EndsWith("--server-web-socket wss://octo2.example.com:443/OctopusComms", Assert.Single(tentacle.Calls()), StringComparison.Ordinal);
        }
    }
}
