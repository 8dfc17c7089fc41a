using System.Linq;
using OctoHa.Tentacle;
using Xunit;
using static OctoHa.Tests.Tentacle.TentacleFixture;

namespace OctoHa.Tests.Tentacle
{
    public sealed class PollServerPlanTests
    {
        private const string Key = "API-ABCDEFGHIJKLMNOPQRSTUVWXYZ1";

        [Fact]
        public void Plans_one_poll_server_per_missing_node_with_the_key_masked_when_rendered()
        {
            using var f = new TentacleFixture();
            var config = TentacleConfig.Load(f.Linux("[" + Entry("https://node1:10943") + "]"));
            var commands = PollServerPlanner.Plan(config, new PollServerRequest
            {
                Instance = "My Tentacle", ServerUrl = "https://octopus.example.com", ApiKey = Key, TentaclePath = "/opt/octopus/tentacle/Tentacle",
                Nodes = new[] { "node1", "node2", "node3:10950" }.Select(TentacleAddress.Parse).ToList(),
            });

            Assert.Equal(2, commands.Count);
            Assert.Equal(new[] { "poll-server", "--instance", "My Tentacle", "--server", "https://octopus.example.com", "--apiKey", Key,
                "--server-comms-address", "https://node2:10943" }, commands[0].Arguments);
            Assert.Equal("/opt/octopus/tentacle/Tentacle poll-server --instance \"My Tentacle\" --server https://octopus.example.com --apiKey API-******** " +
                         "--server-comms-address https://node3:10950", commands[1].Render());
            Assert.DoesNotContain(Key, commands[1].ToString());
            Assert.Equal("x API-******** y", PollServerPlanner.Mask("x " + Key + " y", Key));
        }

        [Fact]
        public void Unique_port_mode_passes_the_host_and_the_port_separately()
        {
            using var f = new TentacleFixture();
            var config = TentacleConfig.Load(f.Windows("[" + Entry("https://lb.example.com:10943") + "]"));
            var command = Assert.Single(PollServerPlanner.Plan(config, new PollServerRequest
            {
                Instance = "Tentacle", ServerUrl = "https://octopus.example.com", ApiKey = Key, UniquePort = true,
                TentaclePath = PollServerPlanner.WindowsTentaclePath,
                Nodes = TentacleAddress.UniquePorts("lb.example.com", 10943, 2).ToList(),
            }));
            Assert.Equal("\"C:\\Program Files\\Octopus Deploy\\Tentacle\\Tentacle.exe\" poll-server --instance Tentacle --server https://octopus.example.com " +
                         "--apiKey API-******** --server-comms-address https://lb.example.com --server-comms-port 10944", command.Render());
        }

        [Fact]
        public void Refuses_like_poll_server_would_without_a_polling_registration()
        {
            using var f = new TentacleFixture();
            var config = TentacleConfig.Load(f.Linux("[]"));
            var ex = Assert.Throws<OctoHaException>(() => PollServerPlanner.Plan(config, new PollServerRequest
            {
                Instance = "Tentacle", ServerUrl = "https://octopus", ApiKey = Key, Nodes = { TentacleAddress.Parse("node2") },
            }));
            Assert.Equal("NoPollingRegistration", ex.ErrorId);
            Assert.DoesNotContain(Key, ex.Message);
            Assert.Equal("ApiKeyMissing", Assert.Throws<OctoHaException>(() => PollServerPlanner.Plan(config, new PollServerRequest
            {
                ServerUrl = "https://octopus", Nodes = { TentacleAddress.Parse("node2") },
            })).ErrorId);
        }

        [Fact]
        public void Defaults_to_the_platform_tentacle_binary()
        {
            Assert.Contains(PollServerPlanner.DefaultTentaclePath(), new[] { PollServerPlanner.WindowsTentaclePath, PollServerPlanner.LinuxTentaclePath });
        }
    }
}
