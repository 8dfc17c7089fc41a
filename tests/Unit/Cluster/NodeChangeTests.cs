using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cluster
{
    public sealed class NodeChangeTests
    {
        private static async Task<ClusterNode> Node(ClusterOperations ops, string name) =>
            (await ops.GetNodesAsync(new NodeQuery { Names = new[] { name } }, CancellationToken.None)).Nodes.Single();

        [Fact]
        public async Task Set_task_cap_changes_only_the_cap_and_is_idempotent()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);

            var first = await ops.SetTaskCapAsync("octo-node-1", 12, CancellationToken.None);
            Assert.True(first.Changed);
            var node = await Node(ops, "OCTO-NODE-1");
            Assert.Equal(12, node.TaskCap);
            Assert.True(node.Draining); // the PUT kept the drain flag
            Assert.Equal(12, h.Cluster.Node("OCTO-NODE-1").TaskCap);

            int asked = observer.Asked.Count;
            var second = await ops.SetTaskCapAsync("OCTO-NODE-1", 12, CancellationToken.None);
            Assert.False(second.Changed);
            Assert.Contains("already", second.Message);
            Assert.Equal(asked, observer.Asked.Count); // a no-op asks nothing
        }

        [Fact]
        public async Task A_negative_task_cap_is_refused_and_changes_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.SetTaskCapAsync("OCTO-NODE-1", -1, CancellationToken.None));
            Assert.Equal("InvalidTaskCap", ex.ErrorId);
            Assert.Equal(5, h.Cluster.Node("OCTO-NODE-1").TaskCap);
        }

        [Theory]
        [InlineData(0, "UI-only")]
        [InlineData(200, "above 160")]
        public async Task Unusual_task_caps_warn_as_the_guide_does(int cap, string warning)
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            await ops.SetTaskCapAsync("OCTO-NODE-1", cap, CancellationToken.None);
            Assert.Contains(observer.Warnings, w => w.Contains(warning));
            Assert.Equal(cap, h.Cluster.Node("OCTO-NODE-1").TaskCap);
        }

        [Fact]
        public async Task A_task_cap_of_zero_makes_a_node_pick_up_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            using var ops = h.Operations();
            await ops.SetTaskCapAsync("OCTO-NODE-1", 0, CancellationToken.None);
            h.Cluster.QueueTask(TimeSpan.FromSeconds(1));
            await Task.Delay(300);
            Assert.All(h.Cluster.Tasks, t => Assert.Equal("Queued", t.State));
        }

        [Fact]
        public async Task What_if_changes_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var observer = new RecordingObserver(approve: false);
            using var ops = h.Operations(observer);
            var cap = await ops.SetTaskCapAsync("OCTO-NODE-1", 9, CancellationToken.None);
            var drain = await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1", Wait = true }, CancellationToken.None);
            var remove = await ops.RemoveAsync("OCTO-NODE-1", false, CancellationToken.None);
            Assert.False(cap.Changed);
            Assert.False(drain.Draining);
            Assert.False(remove.Changed);
            Assert.Contains(observer.Asked, a => a.Action.Contains("Set task cap from 5 to 9"));
            var node = h.Cluster.Node("OCTO-NODE-1");
            Assert.Equal(5, node.TaskCap);
            Assert.False(node.IsDraining);
            Assert.True(node.IsRegistered);
        }

        [Fact]
        public async Task An_unknown_node_lists_the_known_ones()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.SetTaskCapAsync("OCTO-NODE-9", 3, CancellationToken.None));
            Assert.Equal("NodeNotFound", ex.ErrorId);
            Assert.Contains("OCTO-NODE-1, OCTO-NODE-2", ex.Message);
        }

        [Fact]
        public async Task Resume_ends_a_drain_and_is_a_no_op_otherwise()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            using var ops = h.Operations();
            Assert.False((await ops.ResumeAsync("OCTO-NODE-1", CancellationToken.None)).Changed);
            await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);
            Assert.True(h.Cluster.Node("OCTO-NODE-1").IsDraining);
            var resumed = await ops.ResumeAsync("OCTO-NODE-1", CancellationToken.None);
            Assert.True(resumed.Changed);
            Assert.False(h.Cluster.Node("OCTO-NODE-1").IsDraining);
            Assert.Equal(NodeState.Online, (await Node(ops, "OCTO-NODE-1")).State);
        }

        [Fact]
        public async Task Remove_refuses_a_node_with_running_tasks_unless_forced()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            h.Cluster.QueueTask(TimeSpan.FromMinutes(5), description: "Deploy Acme to Production");
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "the task to start");
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.RemoveAsync("OCTO-NODE-1", false, CancellationToken.None));
            Assert.Equal("NodeHasRunningTasks", ex.ErrorId);
            Assert.Contains("Deploy Acme to Production", ex.Message);
            Assert.True(h.Cluster.Node("OCTO-NODE-1").IsRegistered);

            var removed = await ops.RemoveAsync("OCTO-NODE-1", true, CancellationToken.None);
            Assert.True(removed.Changed);
        }

        [Fact]
        public async Task Removing_a_live_node_warns_that_it_comes_back_and_it_does()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            await ops.RemoveAsync("OCTO-NODE-2", false, CancellationToken.None);
            Assert.Contains(observer.Warnings, w => w.Contains("add itself back"));
            await Eventually.TrueAsync(async () => (await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None)).Nodes.Any(n => n.Name == "OCTO-NODE-2"),
                "the live node to re-add itself at its next heartbeat");
        }

        [Fact]
        public async Task Removing_a_stopped_node_removes_it_for_good_without_a_warning()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            await h.Cluster.Node("OCTO-NODE-2").KillAsync();
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            await Eventually.TrueAsync(async () => (await Node(ops, "OCTO-NODE-2")).State == NodeState.Offline, "the stopped node to go offline");
            await ops.RemoveAsync("OCTO-NODE-2", false, CancellationToken.None);
            Assert.Empty(observer.Warnings);
            await Task.Delay(500); // several heartbeat periods
            Assert.DoesNotContain((await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None)).Nodes, n => n.Name == "OCTO-NODE-2");
        }
    }
}
