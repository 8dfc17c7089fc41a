using System;
using System.Threading.Tasks;

namespace OctoHa.Emulator.State
{
    /// <summary>
    /// One emulated node's mutable state. Only touched while holding <see cref="ClusterState.Gate"/>;
    /// the public <see cref="EmulatedNode"/> is a locked view over it.
    /// </summary>
    internal sealed class NodeRecord
    {
        public NodeRecord(string name, int index)
        {
            Name = name;
            Index = index;
        }

        public string Name { get; }
        public string Id => "OctopusServerNodes-" + Name;
        public int Index { get; }

        /// <summary>The node's own port; kept across kill/revive so its URL stays the same.</summary>
        public int Port { get; set; }

        // Configuration Octopus keeps in the OctopusServerNode table.
        public bool IsRegistered { get; set; }
        public int TaskCap { get; set; }
        public bool IsDraining { get; set; }
        public DateTimeOffset LastModifiedOn { get; set; }
        public string LastModifiedBy { get; set; } = "system";

        // Heartbeat status Octopus keeps in the OctopusServerNodeStatus table.
        public DateTimeOffset LastSeen { get; set; }
        public DateTimeOffset NextHeartbeat { get; set; }

        // The process itself.
        public bool IsAlive { get; set; }
        public string Version { get; set; } = "";

        /// <summary>A hung node's port accepts connections but requests wait on this until it is unhung or stopped.</summary>
        public bool IsHung { get; set; }
        public TaskCompletionSource HangRelease { get; set; } = NewRelease();

        public static TaskCompletionSource NewRelease() => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
