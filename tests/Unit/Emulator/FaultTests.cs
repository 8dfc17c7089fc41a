using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>FaultInjector: error statuses, dropped connections and delays, by path prefix.</summary>
    public sealed class FaultTests
    {
        [Fact]
        public async Task FailNext_answers_the_status_with_an_error_body_then_recovers()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            cluster.Faults.FailNext(2);

            for (int i = 0; i < 2; i++)
            {
                var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/summary");
                Assert.Equal(500, status);
                AssertErrorBody(body);
            }
            await client.GetJsonAsync("api/octopusservernodes/summary");
        }

        [Fact]
        public async Task Faults_only_hit_their_path_prefix_and_apply_on_node_ports_too()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            cluster.Faults.FailNext(1, 503, "/api/tasks");

            await client.GetJsonAsync("api/octopusservernodes");
            var (status, _) = await client.SendJsonAsync(HttpMethod.Get, "api/tasks");
            Assert.Equal(503, status);
            await client.GetJsonAsync("api/tasks");

            cluster.Faults.FailNext(1, 502, "/api/octopusservernodes/ping");
            using var node = Client(cluster.Nodes[2].Url, null);
            (status, _) = await node.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/ping");
            Assert.Equal(502, status);
            await node.GetJsonAsync("api/octopusservernodes/ping");
        }

        [Fact]
        public async Task DropNext_aborts_the_connection_without_a_response()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            cluster.Faults.DropNext(1);

            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/octopusservernodes"));
            await client.GetJsonAsync("api/octopusservernodes");
        }

        [Fact]
        public async Task Delay_holds_requests_long_enough_for_a_client_timeout_and_Clear_removes_it()
        {
            await using var cluster = await StartAsync();
            cluster.Faults.Delay(TimeSpan.FromMinutes(5));
            using (var impatient = Client(cluster.ApiUrl, cluster.ApiKey, TimeSpan.FromMilliseconds(300)))
            {
                await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("api/octopusservernodes"));
            }

            cluster.Faults.Clear();
            using var client = Client(cluster);
            await client.GetJsonAsync("api/octopusservernodes");
        }

        [Fact]
        public async Task Bad_fault_arguments_are_refused()
        {
            await using var cluster = await StartAsync();
            Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Faults.FailNext(1, 42));
            Assert.Throws<ArgumentOutOfRangeException>(() => cluster.Faults.DropNext(-1));
            Assert.Throws<ArgumentException>(() => cluster.Faults.FailNext(1, 500, "api"));
        }
    }
}
