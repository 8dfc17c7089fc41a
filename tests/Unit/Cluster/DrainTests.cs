using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cluster
{
    public sealed class DrainTests
    {
        private static async Task<string> StartTasksOnOneNode(EmulatorHarness h, int count, TimeSpan duration)
        {
            // One node only runs tasks while the other is UI-only, so we know where they are.
            await h.SetTaskCapAsync("OCTO-NODE-2", 0);
            for (int i = 0; i < count; i++) h.Cluster.QueueTask(duration, description: $"Deploy App{i} to Production");
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Count(t => t.State == "Executing") == count, $"{count} tasks to start");
            return "OCTO-NODE-1";
        }

        [Fact]
        public async Task Drain_without_wait_sets_the_flag_and_the_node_stops_picking_up_tasks()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            using var ops = h.Operations();
            var result = await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);
            Assert.True(result.Draining);
            Assert.False(result.AlreadyDraining);
            h.Cluster.QueueTask(TimeSpan.FromMilliseconds(100));
            await Task.Delay(300);
            Assert.Equal("Queued", h.Cluster.Tasks.Single().State);
        }

        [Fact]
        public async Task Drain_and_wait_returns_once_the_running_tasks_finish_and_names_them_in_progress()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            string node = await StartTasksOnOneNode(h, 3, TimeSpan.FromSeconds(1)); // 3 tasks > page size 2: paging is exercised
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            var result = await ops.DrainAsync(new DrainRequest { Name = node, Wait = true, PollInterval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(60) }, CancellationToken.None);
            Assert.True(result.Waited);
            Assert.False(result.TimedOut);
            Assert.Empty(result.RemainingTasks);
            Assert.All(h.Cluster.Tasks, t => Assert.Equal("Success", t.State));
            Assert.Contains(observer.ProgressRecords, p => p.Status.Contains("3 task(s) still running") && p.Status.Contains("Deploy App"));
        }

        [Fact]
        public async Task Draining_a_draining_node_is_a_reported_no_op()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);
            int asked = observer.Asked.Count;
            var again = await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);
            Assert.True(again.AlreadyDraining);
            Assert.Contains("already draining", again.Message);
            Assert.Equal(asked, observer.Asked.Count);
        }

        [Fact]
        public async Task A_wait_that_times_out_fails_listing_the_tasks_and_cancels_nothing()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            string node = await StartTasksOnOneNode(h, 2, TimeSpan.FromMinutes(10));
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.DrainAsync(new DrainRequest
            {
                Name = node, Wait = true, Timeout = TimeSpan.FromMilliseconds(500), PollInterval = TimeSpan.FromMilliseconds(100),
            }, CancellationToken.None));
            Assert.Equal("DrainTimedOut", ex.ErrorId);
            Assert.Contains("Deploy App0 to Production", ex.Message);
            Assert.Contains("Deploy App1 to Production", ex.Message);
            Assert.All(h.Cluster.Tasks, t => Assert.Equal("Executing", t.State));
            Assert.True(h.Cluster.Node(node).IsDraining); // the node stays draining
        }

        [Fact]
        public async Task Cancel_remaining_tasks_cancels_what_is_left_after_the_timeout()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            string node = await StartTasksOnOneNode(h, 2, TimeSpan.FromMinutes(10));
            using var ops = h.Operations();
            var result = await ops.DrainAsync(new DrainRequest
            {
                Name = node, Wait = true, Timeout = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromMilliseconds(100), CancelRemainingTasks = true,
            }, CancellationToken.None);
            Assert.True(result.TimedOut);
            Assert.Equal(2, result.CancelledTasks.Count);
            // The drain returns only once the cancelled tasks have stopped, so the scale-in can go straight on.
            Assert.Empty(result.RemainingTasks);
            Assert.All(h.Cluster.Tasks, t => Assert.Equal("Canceled", t.State));
            var removed = await ops.RemoveAsync(node, false, CancellationToken.None);
            Assert.True(removed.Changed);
        }

        [Fact]
        public async Task Wait_options_without_wait_are_warned_about()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            var result = await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1", CancelRemainingTasks = true, WaitOptionsGiven = true }, CancellationToken.None);
            Assert.True(result.Draining);
            Assert.Contains(observer.Warnings, w => w.Contains("only apply with -Wait"));
        }

        [Fact]
        public async Task What_if_on_a_draining_node_does_not_wait()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            h.Cluster.QueueTask(TimeSpan.FromMinutes(10));
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "the task to start");
            using (var ops = h.Operations()) await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1" }, CancellationToken.None);
            using var whatIf = h.Operations(new RecordingObserver(approve: false));
            var result = await whatIf.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1", Wait = true, Timeout = TimeSpan.FromMinutes(10) }, CancellationToken.None);
            Assert.True(result.WhatIf);
            Assert.False(result.Waited);
        }

        [Fact]
        public async Task Only_the_drained_nodes_tasks_are_waited_for()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            await h.SetTaskCapAsync("OCTO-NODE-1", 0);
            h.Cluster.QueueTask(TimeSpan.FromMinutes(10)); // runs on node 2
            await Eventually.TrueAsync(() => h.Cluster.Tasks.Any(t => t.State == "Executing"), "the task to start");
            using var ops = h.Operations();
            var result = await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1", Wait = true, PollInterval = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
            Assert.Empty(result.RemainingTasks);
            Assert.False(result.TimedOut);
        }

        [Fact]
        public async Task Bad_wait_settings_are_refused_before_anything_changes()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-1", Wait = true, Timeout = TimeSpan.Zero }, CancellationToken.None));
            Assert.Equal("InvalidTimeout", ex.ErrorId);
            Assert.False(h.Cluster.Node("OCTO-NODE-1").IsDraining);
        }

        [Fact]
        public async Task Cancelling_the_wait_stops_it_promptly_and_leaves_the_node_draining()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            string node = await StartTasksOnOneNode(h, 1, TimeSpan.FromMinutes(10));
            using var ops = h.Operations();
            using var cts = new CancellationTokenSource();
            var wait = ops.DrainAsync(new DrainRequest { Name = node, Wait = true, PollInterval = TimeSpan.FromMilliseconds(100) }, cts.Token);
            await Eventually.TrueAsync(() => h.Cluster.Node(node).IsDraining, "the drain flag");
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.True(h.Cluster.Node(node).IsDraining);
        }
    }
}
