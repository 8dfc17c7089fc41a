using System;

namespace OctoHa.Cluster
{
    /// <summary>Online picks up tasks; Draining finishes its tasks and takes no new ones; Offline has stopped checking in.</summary>
    public enum NodeState
    {
        Online,
        Draining,
        Offline,
    }

    /// <summary>One Octopus Server node as an admin sees it on the Nodes page. `octoha node list --output json` prints exactly these keys.</summary>
    public sealed class ClusterNode
    {
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";

        /// <summary>MaxConcurrentTasks: how many tasks the node runs at once; 0 is a UI-only node.</summary>
        public int TaskCap { get; set; }

        /// <summary>The node's drain flag (IsInMaintenanceMode on the node; not the cluster-wide maintenance mode).</summary>
        public bool Draining { get; set; }

        /// <summary>The node's last check-in (nodes check in about every 60 seconds); null if it never has.</summary>
        public DateTimeOffset? LastSeen { get; set; }

        public int RunningTasks { get; set; }

        /// <summary>The node's Octopus version, when the server reports it (not every version does).</summary>
        public string? Version { get; set; }

        public NodeState State { get; set; }
    }
}
