using System;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Emulator;

namespace OctoHa.Tests.Cluster
{
    /// <summary>A fresh emulated cluster per test, tuned for quick heartbeats, plus a connection to it.</summary>
    public sealed class EmulatorHarness : IAsyncDisposable
    {
        private EmulatorHarness(EmulatedCluster cluster) => Cluster = cluster;

        public EmulatedCluster Cluster { get; }

        public static async Task<EmulatorHarness> StartAsync(int nodes = 3, Action<EmulatorOptions>? tune = null)
        {
            var options = new EmulatorOptions
            {
                Nodes = nodes,
                HeartbeatInterval = TimeSpan.FromMilliseconds(200),
                OfflineAfter = TimeSpan.FromSeconds(1),
                Tick = TimeSpan.FromMilliseconds(20),
                CancelDelay = TimeSpan.FromMilliseconds(100),
                MaxPageSize = 2, // clients must follow Page.Next
            };
            tune?.Invoke(options);
            return new EmulatorHarness(await EmulatedCluster.StartAsync(options));
        }

        public OctopusConnection Connection(string? apiKey = null) =>
            new OctopusConnection(Cluster.ApiUrl, ApiKey.Parse(apiKey ?? Cluster.ApiKey, "test"))
            {
                RetryDelay = TimeSpan.FromMilliseconds(20),
                RequestTimeout = TimeSpan.FromSeconds(10),
            };

        public ClusterOperations Operations(IOperationObserver? observer = null, string? apiKey = null) =>
            new ClusterOperations(Connection(apiKey), observer ?? new TestSupport.RecordingObserver());

        /// <summary>Sets a node's task cap through the API, as an admin would.</summary>
        public async Task SetTaskCapAsync(string node, int cap)
        {
            using var ops = Operations();
            await ops.SetTaskCapAsync(node, cap, System.Threading.CancellationToken.None);
        }

        public ValueTask DisposeAsync() => Cluster.DisposeAsync();
    }
}
