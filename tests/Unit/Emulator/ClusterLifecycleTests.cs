using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using OctoHa.Emulator;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>Starting, ports, options, the node's local settings, and the load balancer with no node behind it.</summary>
    public sealed class ClusterLifecycleTests
    {
        [Fact]
        public async Task Fixed_ports_are_used_as_given_on_loopback()
        {
            var (apiPort, firstNodePort) = FreePorts();
            await using var cluster = await StartAsync(o => { o.Nodes = 2; o.ApiPort = apiPort; o.FirstNodePort = firstNodePort; });

            Assert.Equal(new Uri($"http://127.0.0.1:{apiPort}/"), cluster.ApiUrl);
            Assert.Equal(new Uri($"http://127.0.0.1:{firstNodePort}/"), cluster.Node("OCTO-NODE-1").Url);
            Assert.Equal(new Uri($"http://127.0.0.1:{firstNodePort + 1}/"), cluster.Node("OCTO-NODE-2").Url);
            using var client = Client(cluster);
            await client.GetJsonAsync("api/octopusservernodes");
        }

        [Fact]
        public async Task Bad_options_are_refused_before_anything_listens()
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatedCluster.StartAsync(new EmulatorOptions { Nodes = 0 }));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatedCluster.StartAsync(new EmulatorOptions { MaxPageSize = 0 }));
            await Assert.ThrowsAsync<ArgumentException>(() => EmulatedCluster.StartAsync(new EmulatorOptions { ApiKey = "API-SAME", ReadOnlyApiKey = "API-SAME" }));
        }

        [Fact]
        public async Task Setting_cap_or_drain_on_the_node_itself_shows_in_the_api_and_in_pickups()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            var (one, two) = (cluster.Nodes[0], cluster.Nodes[1]);
            one.TaskCap = 0;
            two.IsDraining = true;
            Assert.Throws<ArgumentOutOfRangeException>(() => one.TaskCap = -1);

            var resource = await client.GetJsonAsync("api/octopusservernodes/" + one.Id);
            Assert.Equal(0, resource.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.Equal("system", resource.GetProperty("LastModifiedBy").GetString());

            var task = cluster.QueueTask(TimeSpan.FromHours(1));
            two.IsDraining = false;
            await EventuallyAsync(() => task.State == "Executing", "the undrained node picks the task up");
            Assert.Equal(two.Id, task.ServerNode);
        }

        [Fact]
        public async Task With_every_node_down_the_api_port_answers_503_but_controls_still_work()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            await cluster.Nodes[0].KillAsync();
            cluster.Nodes[1].Hang(true);

            var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/summary");
            Assert.Equal(503, status);
            AssertErrorBody(body);

            (status, _) = await client.SendJsonAsync(HttpMethod.Post, "emulator/nodes/OCTO-NODE-2/unhang");
            Assert.Equal(200, status);
            await client.GetJsonAsync("api/octopusservernodes/summary");
        }

        [Fact]
        public async Task Post_emulator_tasks_without_a_body_queues_one_default_task()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            using var response = await client.PostAsync("emulator/tasks", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var task = Assert.Single(cluster.Tasks);
            Assert.Equal("Deploy", task.Name);
        }

        [Fact]
        public async Task Responses_say_they_come_from_the_emulator()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster, null);
            using var response = await client.GetAsync("api");
            Assert.Equal("true", response.Headers.GetValues("X-OctoHa-Emulator").Single());
            Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
        }

        /// <summary>A free port for the API and two consecutive free ports for the nodes.</summary>
        private static (int Api, int FirstNode) FreePorts()
        {
            var random = new Random();
            for (int attempt = 0; attempt < 200; attempt++)
            {
                int api = random.Next(20000, 60000), first = random.Next(20000, 60000);
                if (Math.Abs(api - first) < 3) continue;
                if (CanBind(api) && CanBind(first) && CanBind(first + 1)) return (api, first);
            }
            throw new InvalidOperationException("No free loopback ports found.");
        }

        private static bool CanBind(int port)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
