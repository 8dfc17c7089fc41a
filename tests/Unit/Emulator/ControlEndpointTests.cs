using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>The /emulator control endpoints scripts and Pester use, and Describe().</summary>
    public sealed class ControlEndpointTests
    {
        [Fact]
        public async Task Get_emulator_describes_the_cluster_without_the_key()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);

            using var response = await client.GetAsync("emulator");
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
            Assert.DoesNotContain(cluster.ApiKey, text);
            var json = Parse(text);
            Assert.Equal(cluster.ApiUrl.ToString(), json.GetProperty("ApiUrl").GetString());
            Assert.Contains("not Octopus Server", json.GetProperty("Description").GetString());
            var nodes = json.GetProperty("Nodes").EnumerateArray().ToList();
            Assert.Equal(new[] { "OCTO-NODE-1", "OCTO-NODE-2" }, nodes.Select(n => n.GetProperty("Name").GetString()));
            Assert.Equal(cluster.Nodes[1].Url.ToString(), nodes[1].GetProperty("Url").GetString());
        }

        [Fact]
        public async Task Describe_names_the_emulator_its_urls_and_the_key()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            var text = cluster.Describe();
            Assert.Contains("emulat", text);
            Assert.Contains("not Octopus Server", text);
            Assert.Contains(cluster.ApiUrl.ToString(), text);
            Assert.Contains(cluster.ApiKey, text);
            foreach (var node in cluster.Nodes)
            {
                Assert.Contains(node.Name, text);
                Assert.Contains(node.Url.ToString(), text);
            }
        }

        [Fact]
        public async Task Post_emulator_tasks_queues_tasks_the_api_then_lists()
        {
            await using var cluster = await StartAsync(o => o.DefaultTaskCap = 0);
            using var client = Client(cluster);

            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/tasks",
                new { Name = "RunbookRun", Description = "Nightly", DurationSeconds = 3600, Count = 3 });
            Assert.Equal(200, status);
            Assert.Equal(3, body.GetArrayLength());
            Assert.All(body.EnumerateArray(), t => Assert.Equal("Queued", t.GetProperty("State").GetString()));
            Assert.Equal(3, cluster.Tasks.Count);
            Assert.All(cluster.Tasks, t => Assert.Equal(System.TimeSpan.FromHours(1), t.Duration));

            var listed = await client.GetJsonAsync("api/tasks?name=RunbookRun&states=Queued");
            Assert.Equal(3, listed.GetProperty("TotalResults").GetInt32());

            (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/tasks", new { Count = 0 });
            Assert.Equal(400, status);
            AssertErrorBody(body);
        }

        [Fact]
        public async Task Node_controls_kill_revive_hang_and_unhang()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            var node = cluster.Node("octo-node-2");
            var url = node.Url;

            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-2/kill");
            Assert.Equal(200, status);
            Assert.False(body.GetProperty("IsAlive").GetBoolean());
            await AssertRefusedAsync(url);

            (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-2/revive");
            Assert.Equal(200, status);
            Assert.True(body.GetProperty("IsAlive").GetBoolean());
            using (var ping = Client(url, null)) await ping.GetJsonAsync("api/octopusservernodes/ping");

            (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-2/hang");
            Assert.Equal(200, status);
            Assert.True(body.GetProperty("IsHung").GetBoolean());
            using (var impatient = Client(url, null, System.TimeSpan.FromMilliseconds(300)))
                await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("api/octopusservernodes/ping"));

            (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-2/unhang");
            Assert.Equal(200, status);
            Assert.False(node.IsHung);

            (status, body) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/NO-SUCH-NODE/kill");
            Assert.Equal(404, status);
            Assert.Contains("NO-SUCH-NODE", body.GetProperty("ErrorMessage").GetString());
        }

        [Fact]
        public async Task Fault_controls_add_and_clear_faults()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);

            var (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/faults", new { Kind = "Status", Count = 1, StatusCode = 502 });
            Assert.Equal(200, status);
            (status, _) = await client.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes");
            Assert.Equal(502, status);
            await client.GetJsonAsync("api/octopusservernodes");

            (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/faults", new { Kind = "Drop", Count = 5, PathPrefix = "/api/tasks" });
            Assert.Equal(200, status);
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/tasks"));
            (status, _) = await client.SendJsonAsync(HttpMethod.Delete, "emulator/faults");
            Assert.Equal(200, status);
            await client.GetJsonAsync("api/tasks");

            (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/faults", new { Kind = "Delay", DelayMilliseconds = 1, Count = 1 });
            Assert.Equal(200, status);
            await client.GetJsonAsync("api/tasks");

            (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/faults", new { Kind = "Explode" });
            Assert.Equal(400, status);
        }

        [Fact]
        public async Task Controls_need_the_full_key()
        {
            await using var cluster = await StartAsync(o => o.ReadOnlyApiKey = "API-READONLY0000000000000000");
            using var anonymous = Client(cluster, null);
            using var reader = Client(cluster, "API-READONLY0000000000000000");

            var (status, _) = await anonymous.SendJsonAsync(HttpMethod.Post, "emulator/tasks", new { Count = 1 });
            Assert.Equal(401, status);
            (status, _) = await reader.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-1/kill");
            Assert.Equal(403, status);
            Assert.True(cluster.Nodes[0].IsAlive);
            await reader.GetJsonAsync("emulator");
        }
    }
}
