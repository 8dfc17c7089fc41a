using System;

namespace OctoHa.Emulator
{
    /// <summary>
    /// Settings for an <see cref="EmulatedCluster"/>, the loopback stand-in for an Octopus Server HA cluster.
    /// The emulator is not Octopus Server: it only mimics the node and task endpoints OctoHa uses.
    /// </summary>
    public sealed class EmulatorOptions
    {
        /// <summary>How many nodes the cluster starts with (named <see cref="NodeNamePrefix"/>1..N).</summary>
        public int Nodes { get; set; } = 3;

        /// <summary>Port of the "load balancer" address; 0 picks a free port.</summary>
        public int ApiPort { get; set; }

        /// <summary>0 picks free ports; otherwise the i-th node (0-based) listens on FirstNodePort + i.</summary>
        public int FirstNodePort { get; set; }

        /// <summary>The full-access API key; null generates "API-" + 26 upper-case letters/digits.</summary>
        public string? ApiKey { get; set; }

        /// <summary>An optional key that may GET but gets 403 on any change.</summary>
        public string? ReadOnlyApiKey { get; set; }

        /// <summary>The Octopus version every node reports until <see cref="EmulatedNode.SetVersion"/> changes it.</summary>
        public string Version { get; set; } = "2025.4.3000";

        public string NodeNamePrefix { get; set; } = "OCTO-NODE-";

        /// <summary>Task cap of a node that registers itself (Octopus's default is 5).</summary>
        public int DefaultTaskCap { get; set; } = 5;

        /// <summary>The server returns at most this many items per page whatever `take` asks, so clients must follow Page.Next.</summary>
        public int MaxPageSize { get; set; } = 30;

        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>A node IsOffline when its LastSeen is older than this.</summary>
        public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Scheduler period: pickups, completions and heartbeats happen on ticks.</summary>
        public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(50);

        /// <summary>How long an Executing task stays Cancelling before it becomes Canceled.</summary>
        public TimeSpan CancelDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        internal void Validate()
        {
            if (Nodes < 1) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "An emulated cluster needs at least one node.");
            if (ApiPort < 0 || ApiPort > 65535) throw new ArgumentOutOfRangeException(nameof(ApiPort), ApiPort, "Use 0 for a free port or a TCP port number.");
            if (FirstNodePort < 0 || FirstNodePort + Nodes - 1 > 65535) throw new ArgumentOutOfRangeException(nameof(FirstNodePort), FirstNodePort, "Use 0 for free ports or a first port that leaves room for every node.");
            if (DefaultTaskCap < 0) throw new ArgumentOutOfRangeException(nameof(DefaultTaskCap), DefaultTaskCap, "A task cap cannot be negative.");
            if (MaxPageSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxPageSize), MaxPageSize, "A page must hold at least one item.");
            if (Tick <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Tick), Tick, "The scheduler period must be positive.");
            if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "The heartbeat interval must be positive.");
            if (OfflineAfter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(OfflineAfter), OfflineAfter, "OfflineAfter cannot be negative.");
            if (CancelDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CancelDelay), CancelDelay, "CancelDelay cannot be negative.");
            if (string.IsNullOrWhiteSpace(Version)) throw new ArgumentException("Version must not be empty.", nameof(Version));
            if (string.IsNullOrWhiteSpace(NodeNamePrefix)) throw new ArgumentException("NodeNamePrefix must not be empty.", nameof(NodeNamePrefix));
            if (ApiKey != null && ApiKey.Length == 0) throw new ArgumentException("ApiKey must be null (generate one) or non-empty.", nameof(ApiKey));
            if (ReadOnlyApiKey != null && (ReadOnlyApiKey.Length == 0 || ReadOnlyApiKey == ApiKey))
                throw new ArgumentException("ReadOnlyApiKey must be non-empty and differ from ApiKey.", nameof(ReadOnlyApiKey));
        }
    }
}
