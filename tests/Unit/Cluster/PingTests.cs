using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using Xunit;

namespace OctoHa.Tests.Cluster
{
    public sealed class PingTests
    {
        [Fact]
        public async Task Each_node_answers_for_itself_online_draining_or_offline()
        {
            await using var h = await EmulatorHarness.StartAsync(3);
            using var ops = h.Operations();
            await ops.DrainAsync(new DrainRequest { Name = "OCTO-NODE-2" }, CancellationToken.None);
            await h.Cluster.Node("OCTO-NODE-3").KillAsync();

            var results = await NodePing.PingAsync(new PingRequest { Urls = h.Cluster.Nodes.Select(n => n.Url.ToString()).ToArray(), Timeout = TimeSpan.FromSeconds(5) }, null, CancellationToken.None);
            var byName = results.ToDictionary(r => r.Url);
            var one = byName[h.Cluster.Node("OCTO-NODE-1").Url.ToString()];
            Assert.Equal(NodeState.Online, one.State);
            Assert.Equal(200, one.StatusCode);
            Assert.Equal("OCTO-NODE-1", one.Name);
            Assert.Contains("\"IsInMaintenanceMode\"", one.Json);
            var two = byName[h.Cluster.Node("OCTO-NODE-2").Url.ToString()];
            Assert.Equal(NodeState.Draining, two.State);
            Assert.Equal(418, two.StatusCode);
            var three = byName[h.Cluster.Node("OCTO-NODE-3").Url.ToString()];
            Assert.Equal(NodeState.Offline, three.State);
            Assert.Null(three.StatusCode);
            Assert.False(string.IsNullOrEmpty(three.Error));
        }

        [Fact]
        public async Task A_hung_node_is_offline_after_the_timeout_while_the_others_answer()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            h.Cluster.Node("OCTO-NODE-2").Hang(true);
            var results = await NodePing.PingAsync(new PingRequest { Urls = h.Cluster.Nodes.Select(n => n.Url.ToString()).ToArray(), Timeout = TimeSpan.FromMilliseconds(500) }, null, CancellationToken.None);
            Assert.Equal(NodeState.Online, results[0].State);
            Assert.Equal(NodeState.Offline, results[1].State);
            Assert.Contains("No answer within", results[1].Error);
        }

        [Fact]
        public async Task The_ping_path_may_be_given_in_full()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            string url = h.Cluster.Node("OCTO-NODE-1").Url + "api/octopusservernodes/ping";
            var result = (await NodePing.PingAsync(new PingRequest { Urls = new[] { url } }, null, CancellationToken.None)).Single();
            Assert.Equal(NodeState.Online, result.State);
        }

        [Fact]
        public async Task A_malformed_url_fails_before_any_node_is_pinged()
        {
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => NodePing.PingAsync(new PingRequest { Urls = new[] { "http://127.0.0.1:1/", "not a url" } }, null, CancellationToken.None));
            Assert.Equal("ServerUrlMalformed", ex.ErrorId);
        }
    }
}
