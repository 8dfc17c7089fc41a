using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>The shared task queue, task caps, drain, the /api/tasks filters and cancellation.</summary>
    public sealed class TaskTests
    {
        private static readonly TimeSpan Long = TimeSpan.FromHours(1);

        [Fact]
        public async Task Tasks_are_picked_up_oldest_first_up_to_each_cap_and_never_by_a_draining_or_cap_0_node()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 3);
            using var client = Client(cluster);
            var (one, two, three) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
            await PutAsync(client, one, cap: 2, drain: false);
            await PutAsync(client, two, cap: 5, drain: true);
            await PutAsync(client, three, cap: 0, drain: false);

            var tasks = Enumerable.Range(1, 4).Select(i => cluster.QueueTask(Long, description: "task " + i)).ToList();
            await EventuallyAsync(() => tasks.Count(t => t.State == "Executing") == 2, "OCTO-NODE-1 fills its cap of 2");

            Assert.Equal(new[] { one.Id, one.Id }, tasks.Take(2).Select(t => t.ServerNode));
            Assert.All(tasks.Skip(2), t => Assert.Equal("Queued", t.State));
            Assert.All(tasks.Skip(2), t => Assert.Null(t.ServerNode));

            await PutAsync(client, three, cap: 1, drain: false);
            await EventuallyAsync(() => tasks[2].State == "Executing", "the oldest queued task goes to OCTO-NODE-3 once it has a cap");
            Assert.Equal(three.Id, tasks[2].ServerNode);
            Assert.Equal("Queued", tasks[3].State);

            await PutAsync(client, two, cap: 5, drain: false);
            await EventuallyAsync(() => tasks[3].State == "Executing", "the undrained node takes the last task");
            Assert.Equal(two.Id, tasks[3].ServerNode);

            var details = await client.GetJsonAsync("api/octopusservernodes/" + one.Id + "/details");
            Assert.Equal(2, details.GetProperty("RunningTasks").GetInt32());
            var summary = await client.GetJsonAsync("api/octopusservernodes/summary");
            Assert.Equal(2, summary.GetProperty("Nodes")[0].GetProperty("RunningTaskCount").GetInt32());
        }

        [Fact]
        public async Task A_task_succeeds_after_its_duration_and_reads_as_completed()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            var task = cluster.QueueTask(TimeSpan.FromMilliseconds(100), "RunbookRun", "Rehearsal");
            Assert.Matches("^ServerTasks-\\d+$", task.Id);

            await EventuallyAsync(() => task.State == "Success", "the task succeeds");
            var json = await client.GetJsonAsync("api/tasks/" + task.Id);
            Assert.Equal("Success", json.GetProperty("State").GetString());
            Assert.Equal("RunbookRun", json.GetProperty("Name").GetString());
            Assert.Equal("Rehearsal", json.GetProperty("Description").GetString());
            Assert.Equal("Spaces-1", json.GetProperty("SpaceId").GetString());
            Assert.True(json.GetProperty("IsCompleted").GetBoolean());
            Assert.True(json.GetProperty("FinishedSuccessfully").GetBoolean());
            Assert.True(json.GetProperty("HasBeenPickedUpByProcessor").GetBoolean());
            Assert.True(json.GetProperty("CanRerun").GetBoolean());
            Assert.False(json.GetProperty("HasPendingInterruptions").GetBoolean());
            Assert.Equal(JsonValueKind.String, json.GetProperty("CompletedTime").ValueKind);
            Assert.Equal(JsonValueKind.String, json.GetProperty("Completed").ValueKind);
            Assert.Equal(JsonValueKind.String, json.GetProperty("Duration").ValueKind);
            Assert.Equal(task.ServerNode, json.GetProperty("ServerNode").GetString());
            Assert.Equal(JsonValueKind.Object, json.GetProperty("Arguments").ValueKind);
            Assert.False(json.GetProperty("Links").TryGetProperty("Cancel", out _));
            Assert.Equal("/api/tasks/" + task.Id, json.GetProperty("Links").GetProperty("Self").GetString());
        }

        [Fact]
        public async Task Filters_node_states_running_active_and_name_work_newest_first_with_total_counts()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            await PutAsync(client, cluster.Nodes[0], cap: 1, drain: false);
            await PutAsync(client, cluster.Nodes[1], cap: 1, drain: false);

            var done = cluster.QueueTask(TimeSpan.Zero, "RunbookRun");
            await EventuallyAsync(() => done.State == "Success", "the first task succeeds");
            var a = cluster.QueueTask(Long);
            var b = cluster.QueueTask(Long);
            await EventuallyAsync(() => a.State == "Executing" && b.State == "Executing", "both nodes take one task");
            var queued = cluster.QueueTask(Long);

            async Task<string[]> Ids(string query)
            {
                var page = await client.GetJsonAsync("api/tasks" + query);
                return page.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Id").GetString()!).ToArray();
            }

            Assert.Equal(new[] { queued.Id, b.Id, a.Id, done.Id }, await Ids(""));
            Assert.Equal(new[] { b.Id, a.Id }, await Ids("?states=Executing,Cancelling"));
            Assert.Equal(new[] { b.Id, a.Id }, await Ids("?running=true"));
            Assert.Equal(new[] { queued.Id, b.Id, a.Id }, await Ids("?active=true"));
            Assert.Equal(new[] { done.Id }, await Ids("?states=Success"));
            Assert.Equal(new[] { done.Id }, await Ids("?name=RunbookRun"));
            Assert.Equal(new[] { a.Id }, await Ids("?node=" + a.ServerNode + "&states=Executing,Cancelling&spaces=all&includeSystem=true"));

            var spaced = await client.GetJsonAsync("api/Spaces-1/tasks?running=true");
            Assert.Equal(2, spaced.GetProperty("TotalResults").GetInt32());
            Assert.Equal("ServerTask", spaced.GetProperty("ItemType").GetString());

            var counts = (await client.GetJsonAsync("api/tasks")).GetProperty("TotalCounts");
            Assert.Equal(1, counts.GetProperty("Success").GetInt32());
            Assert.Equal(2, counts.GetProperty("Executing").GetInt32());
            Assert.Equal(1, counts.GetProperty("Queued").GetInt32());
            Assert.Equal(0, counts.GetProperty("Cancelling").GetInt32());

            var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/tasks?states=Sleeping");
            Assert.Equal(400, status);
            AssertErrorBody(body);
        }

        [Fact]
        public async Task Task_pages_are_capped_and_linked()
        {
            await using var cluster = await StartAsync(o => { o.MaxPageSize = 3; o.DefaultTaskCap = 0; });
            using var client = Client(cluster);
            for (int i = 0; i < 7; i++) cluster.QueueTask(Long);

            int seen = 0;
            string? next = "/api/tasks?take=100&active=true";
            while (next != null)
            {
                var page = await client.GetJsonAsync(next);
                Assert.Equal(3, page.GetProperty("ItemsPerPage").GetInt32());
                seen += page.GetProperty("Items").GetArrayLength();
                next = page.GetProperty("Links").TryGetProperty("Page.Next", out var n) ? n.GetString() : null;
                if (next != null) Assert.Contains("active=true", next);
            }
            Assert.Equal(7, seen);
        }

        [Fact]
        public async Task Cancel_ends_queued_at_once_and_executing_via_cancelling_and_leaves_completed_alone()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 1);
            using var client = Client(cluster);
            await PutAsync(client, cluster.Nodes[0], cap: 1, drain: false);
            var running = cluster.QueueTask(Long);
            await EventuallyAsync(() => running.State == "Executing", "the first task runs");
            var waiting = cluster.QueueTask(Long);

            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "api/tasks/" + waiting.Id + "/cancel");
            Assert.Equal(200, status);
            Assert.Equal("Canceled", body.GetProperty("State").GetString());
            Assert.Equal("Canceled", waiting.State);

            var json = await client.GetJsonAsync("api/tasks/" + running.Id);
            var cancelLink = json.GetProperty("Links").GetProperty("Cancel").GetString()!;
            (status, body) = await client.SendJsonAsync(HttpMethod.Post, cancelLink);
            Assert.Equal(200, status);
            Assert.Equal("Cancelling", body.GetProperty("State").GetString());
            Assert.False(body.GetProperty("IsCompleted").GetBoolean());
            await EventuallyAsync(() => running.State == "Canceled", "the executing task finishes cancelling");

            (status, body) = await client.SendJsonAsync(HttpMethod.Post, "api/Spaces-1/tasks/" + running.Id + "/cancel");
            Assert.Equal(200, status);
            Assert.Equal("Canceled", body.GetProperty("State").GetString());
            Assert.True(body.GetProperty("IsCompleted").GetBoolean());
            Assert.False(body.GetProperty("FinishedSuccessfully").GetBoolean());
        }

        [Fact]
        public async Task A_killed_nodes_tasks_stay_executing_and_cancelling_until_it_comes_back()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            var (victim, other) = (cluster.Nodes[0], cluster.Nodes[1]);
            await PutAsync(client, victim, cap: 1, drain: false);
            await PutAsync(client, other, cap: 0, drain: false);
            var stuck = cluster.QueueTask(Long);
            await EventuallyAsync(() => stuck.State == "Executing", "the victim picks the task up");

            await victim.KillAsync();
            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "api/tasks/" + stuck.Id + "/cancel");
            Assert.Equal(200, status);
            Assert.Equal("Cancelling", body.GetProperty("State").GetString());

            // Let the scheduler run well past CancelDelay: a task on the live node must finish first.
            await PutAsync(client, other, cap: 1, drain: false);
            var marker = cluster.QueueTask(TimeSpan.FromMilliseconds(500));
            await EventuallyAsync(() => marker.State == "Success", "a task on the live node completes");
            Assert.Equal("Cancelling", stuck.State);
            Assert.Equal(victim.Id, stuck.ServerNode);
            var running = await client.GetJsonAsync("api/tasks?node=" + victim.Id + "&states=Executing,Cancelling");
            Assert.Equal(1, running.GetProperty("TotalResults").GetInt32());

            await victim.ReviveAsync();
            await EventuallyAsync(() => stuck.State == "Canceled", "the revived node finishes the cancel");
        }

        private static async Task PutAsync(HttpClient client, OctoHa.Emulator.EmulatedNode node, int cap, bool drain)
        {
            var (status, body) = await client.SendJsonAsync(HttpMethod.Put, "api/octopusservernodes/" + node.Id, NodeBody(node, cap, drain));
            Assert.True(status == 200, body.ToString());
        }
    }
}
