using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cluster
{
    public sealed class ConnectionTests
    {
        [Fact]
        public async Task Connect_checks_url_and_key_and_reports_the_version()
        {
            await using var h = await EmulatorHarness.StartAsync(3);
            var server = await ClusterOperations.ConnectAsync(h.Connection(), null, CancellationToken.None);
            Assert.Equal("2025.4.3000", server.Version);
            Assert.Equal(3, server.NodeCount);
            Assert.Equal(h.Cluster.ApiUrl, server.ServerUrl);
        }

        [Fact]
        public async Task A_rejected_key_says_so_without_the_key()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            const string wrong = "API-WRONGKEY1234567890ABCDEF";
            var observer = new RecordingObserver();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ClusterOperations.ConnectAsync(h.Connection(wrong), observer, CancellationToken.None));
            Assert.Equal("ApiKeyRejected", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.AuthenticationError, ex.Kind);
            Assert.DoesNotContain(wrong, ex.Message);
            Assert.DoesNotContain(wrong, observer.AllText);
            Assert.DoesNotContain(h.Cluster.ApiKey, ex.ToString());
        }

        [Fact]
        public async Task A_key_without_permission_is_a_permission_error()
        {
            const string readOnly = "API-READONLY0000000000000001";
            await using var h = await EmulatorHarness.StartAsync(1, o => o.ReadOnlyApiKey = readOnly);
            using var ops = h.Operations(apiKey: readOnly);
            var nodes = await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None); // reading is allowed
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.SetTaskCapAsync(nodes.Nodes[0].Name, 9, CancellationToken.None));
            Assert.Equal("PermissionDenied", ex.ErrorId);
            Assert.Contains("ConfigureServer", ex.Message);
            Assert.Equal(5, (await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None)).Nodes[0].TaskCap);
        }

        [Theory]
        [InlineData("octopus.example.com", "ServerUrlMalformed")]
        [InlineData("ftp://octopus.example.com", "ServerUrlMalformed")]
        [InlineData("https://octopus.example.com/?apikey=API-SECRET", "ServerUrlMalformed")]
        [InlineData("  ", "ServerUrlMissing")]
        public void Malformed_urls_are_refused_before_any_call(string url, string errorId)
        {
            var ex = Assert.Throws<OctoHaException>(() => OctopusConnection.ParseServerUrl(url));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.DoesNotContain("API-SECRET", ex.Message);
        }

        [Theory]
        [InlineData("", "ApiKeyMissing")]
        [InlineData("not-a-key", "ApiKeyMalformed")]
        [InlineData("api-lowercase", "ApiKeyMalformed")]
        public void Malformed_keys_are_refused_without_echoing_them(string key, string errorId)
        {
            var ex = Assert.Throws<OctoHaException>(() => ApiKey.Parse(key, "test"));
            Assert.Equal(errorId, ex.ErrorId);
            if (key.Length > 0) Assert.DoesNotContain(key, ex.Message);
        }

        [Fact]
        public void An_api_key_never_prints_itself()
        {
            var key = ApiKey.Parse("API-ABCDEF1234567890", "test");
            Assert.DoesNotContain("ABCDEF", key.ToString());
            Assert.DoesNotContain("ABCDEF", $"{new OctopusConnection(new Uri("https://x/"), key)}");
        }

        [Fact]
        public async Task Server_errors_are_retried_then_succeed()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            h.Cluster.Faults.FailNext(2, 503);
            var observer = new RecordingObserver();
            using var ops = h.Operations(observer);
            var result = await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None);
            Assert.Equal(2, result.Nodes.Count);
            Assert.Contains(observer.VerboseMessages, m => m.Contains("Retrying after HTTP 503"));
        }

        [Fact]
        public async Task Dropped_connections_are_retried()
        {
            await using var h = await EmulatorHarness.StartAsync(2);
            h.Cluster.Faults.DropNext(1);
            using var ops = h.Operations();
            Assert.Equal(2, (await ops.GetNodesAsync(new NodeQuery(), CancellationToken.None)).Nodes.Count);
        }

        [Fact]
        public async Task Persistent_server_errors_fail_clearly_after_a_bounded_number_of_tries()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            h.Cluster.Faults.FailNext(100, 500);
            using var ops = h.Operations();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.GetNodesAsync(new NodeQuery(), CancellationToken.None));
            Assert.Equal("ServerError", ex.ErrorId);
            Assert.Contains("HTTP 500", ex.Message);
            Assert.Contains("4 attempts", ex.Message);
        }

        [Fact]
        public async Task A_slow_server_times_out_clearly()
        {
            await using var h = await EmulatorHarness.StartAsync(1);
            h.Cluster.Faults.Delay(TimeSpan.FromSeconds(5));
            var connection = h.Connection();
            connection.RequestTimeout = TimeSpan.FromMilliseconds(200);
            connection.RetryCount = 1;
            using var ops = new ClusterOperations(connection);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ops.GetNodesAsync(new NodeQuery(), CancellationToken.None));
            Assert.Equal("ServerTimeout", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.OperationTimeout, ex.Kind);
        }

        [Fact]
        public async Task Nothing_listening_is_a_connection_error()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // the port is now closed
            var connection = new OctopusConnection(new Uri($"http://127.0.0.1:{port}/"), ApiKey.Parse("API-ABCDEF1234567890", "test")) { RetryDelay = TimeSpan.FromMilliseconds(10) };
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => ClusterOperations.ConnectAsync(connection, null, CancellationToken.None));
            Assert.Equal("ServerUnreachable", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.ConnectionError, ex.Kind);
        }
    }
}
