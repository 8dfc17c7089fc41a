using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cluster
{
    public sealed class NodeListTests
    {
        [Fact]
        public async Task Lists_every_node_with_its_state()
        {
            await using var h = await EmulatorHarness.StartAsync(3);
            using var ops = h.Operations();
            var result = await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None);
            Assert.Equal(h.Cluster.Nodes.Select(n => n.Name).OrderBy(n => n), result.Nodes.Select(n => n.Name));
            Assert.All(result.Nodes, n =>
            {
                Assert.Equal(NodeState.Online, n.State);
                Assert.Equal("OctopusServerNodes-" + n.Name, n.Id);
                Assert.Equal(5, n.TaskCap);
                Assert.NotNull(n.LastSeen);
            });
        }

        [Fact]
        public async Task Name_filters_take_wildcards_and_report_names_that_match_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(3);
            using var ops = h.Operations();
            var result = await ops.GetNodesAsync(new NodeQuery { Names = new[] { "*-1", "octo-node-3", "NOPE" } }, CancellationToken.None);
            Assert.Equal(new[] { "OCTO-NODE-1", "OCTO-NODE-3" }, result.Nodes.Select(n => n.Name));
            Assert.Equal(new[] { "NOPE" }, result.Unmatched);
        }

        [Fact]
        public async Task A_node_that_stops_checking_in_becomes_Offline_and_running_tasks_are_counted()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            h.Cluster.QueueTask(TimeSpan.FromMinutes(5));
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "a task to start");
            string busy = h.Cluster.Tasks.First(t => t.State == "Executing").ServerNode!;
            var node = h.Cluster.Nodes.First(n => n.Id == busy);
            await node.KillAsync();
            using var ops = h.Operations();
            await Eventually.TrueAsync(async () =>
            {
                var n = (await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None)).Nodes.First(x => x.Id == busy);
                return n.State == NodeState.Offline && n.RunningTasks == 1;
            }, "the killed node to show Offline with its task still counted");
        }

        [Fact]
        public async Task The_offline_threshold_is_the_callers_choice()
        {
            await using var h = await EmulatorHarness.StartAsync(1, o => { o.HeartbeatInterval = TimeSpan.FromMinutes(10); o.OfflineAfter = TimeSpan.FromHours(1); });
            using var ops = h.Operations();
            await Task.Delay(300); // the only heartbeat was at start; the server itself still says online
            var strict = await ops.GetNodesAsync(new NodeQuery { OfflineAfter = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
            var lenient = await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None);
            Assert.Equal(NodeState.Offline, strict.Nodes.Single().State);
            Assert.Equal(NodeState.Online, lenient.Nodes.Single().State);
        }
    }
}
