using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>Each node's own port: ping 200/418, refused when killed, silent when hung; GET /api per node.</summary>
    public sealed class PingTests
    {
        [Fact]
        public async Task Ping_on_a_node_port_is_200_when_up_418_when_draining_and_carries_the_node_status()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            var node = cluster.Nodes[1];
            Assert.NotEqual(cluster.ApiUrl, node.Url);
            Assert.Equal("127.0.0.1", node.Url.Host);
            using var ping = Client(node.Url, null);

            var (status, body) = await ping.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/ping");
            Assert.Equal(200, status);
            Assert.Equal(node.Id, body.GetProperty("Id").GetString());
            Assert.Equal("OCTO-NODE-2", body.GetProperty("Name").GetString());
            Assert.False(body.GetProperty("IsOffline").GetBoolean());
            Assert.False(body.GetProperty("IsInMaintenanceMode").GetBoolean());
            Assert.Equal(5, body.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.Equal("2025.4.3000", body.GetProperty("Version").GetString());
            Assert.Equal("/api/octopusservernodes/" + node.Id, body.GetProperty("Links").GetProperty("Node").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.String, body.GetProperty("LastSeen").ValueKind);

            using var admin = Client(cluster);
            var (put, _) = await admin.SendJsonAsync(HttpMethod.Put, "api/octopusservernodes/" + node.Id, NodeBody(node, drain: true));
            Assert.Equal(200, put);
            (status, body) = await ping.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/ping");
            Assert.Equal(418, status);
            Assert.True(body.GetProperty("IsInMaintenanceMode").GetBoolean());

            // The other node is unaffected.
            using var first = Client(cluster.Nodes[0].Url, null);
            (status, _) = await first.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/ping");
            Assert.Equal(200, status);
        }

        [Fact]
        public async Task A_killed_node_refuses_connections_and_comes_back_on_the_same_url()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            var node = cluster.Nodes[0];
            var url = node.Url;

            await node.KillAsync();
            Assert.False(node.IsAlive);
            await AssertRefusedAsync(url);

            // The load balancer answers for the next live node.
            using var lb = Client(cluster, null);
            var viaLb = await lb.GetJsonAsync("api/octopusservernodes/ping");
            Assert.Equal("OCTO-NODE-2", viaLb.GetProperty("Name").GetString());

            await node.ReviveAsync();
            Assert.Equal(url, node.Url);
            using var ping = Client(url, null);
            var body = await ping.GetJsonAsync("api/octopusservernodes/ping");
            Assert.Equal(node.Id, body.GetProperty("Id").GetString());
            var again = await lb.GetJsonAsync("api/octopusservernodes/ping");
            Assert.Equal("OCTO-NODE-1", again.GetProperty("Name").GetString());
        }

        [Fact]
        public async Task A_hung_node_accepts_but_never_answers_until_unhung()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            var node = cluster.Nodes[0];

            node.Hang(true);
            Assert.True(node.IsHung);
            using (var impatient = Client(node.Url, null, TimeSpan.FromMilliseconds(300)))
            {
                await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("api/octopusservernodes/ping"));
            }

            // The load balancer routes around it.
            using var lb = Client(cluster, null);
            var viaLb = await lb.GetJsonAsync("api/octopusservernodes/ping");
            Assert.Equal("OCTO-NODE-2", viaLb.GetProperty("Name").GetString());

            node.Hang(false);
            using var ping = Client(node.Url, null);
            await ping.GetJsonAsync("api/octopusservernodes/ping");
        }

        [Fact]
        public async Task A_request_held_by_a_hang_is_released_by_unhang()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 1);
            var node = cluster.Nodes[0];
            node.Hang(true);
            using var ping = Client(node.Url, null);
            var pending = ping.GetAsync("api/octopusservernodes/ping");
            Assert.False(pending.IsCompleted);
            node.Hang(false);
            using var response = await pending;
            Assert.Equal(200, (int)response.StatusCode);
        }

        [Fact]
        public async Task Each_node_port_answers_get_api_with_its_own_version()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            cluster.Nodes[1].SetVersion("2025.4.9999");

            using var first = Client(cluster.Nodes[0].Url, null);
            using var second = Client(cluster.Nodes[1].Url, null);
            Assert.Equal("2025.4.3000", (await first.GetJsonAsync("api")).GetProperty("Version").GetString());
            Assert.Equal("2025.4.9999", (await second.GetJsonAsync("api")).GetProperty("Version").GetString());

            using var admin = Client(cluster);
            var summary = await admin.GetJsonAsync("api/octopusservernodes/summary");
            Assert.Equal("2025.4.9999", summary.GetProperty("Nodes")[1].GetProperty("Version").GetString());
        }

        [Fact]
        public async Task Stopping_the_cluster_closes_every_port()
        {
            var cluster = await StartAsync(o => o.Nodes = 2);
            var urls = new[] { cluster.ApiUrl, cluster.Nodes[0].Url, cluster.Nodes[1].Url };
            cluster.Nodes[1].Hang(true);
            await cluster.StopAsync();
            await cluster.DisposeAsync(); // a second stop is harmless
            foreach (var url in urls) await AssertRefusedAsync(url);
        }
    }
}
