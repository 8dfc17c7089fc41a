using System;
using System.Collections.Generic;

namespace OctoHa.Tentacle
{
    /// <summary>Add one polling entry per node the Tentacle does not poll yet (the ConfigFile method).</summary>
    public sealed class TentacleRegisterRequest
    {
        public string ConfigPath { get; set; } = "";
        public IList<TentacleAddress> Nodes { get; set; } = new List<TentacleAddress>();

        /// <summary>The cluster's certificate thumbprint; needed only when the Tentacle polls servers with several.</summary>
        public string? Thumbprint { get; set; }

        /// <summary>How long to wait for another edit of the same config to finish.</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        // Test hook: runs after the temp file is written and before it replaces the config (a crash there must be harmless).
        internal Action<string>? BeforeReplace { get; set; }
    }

    /// <summary>
    /// Remove entries by address, or keep only the given addresses (like `Tentacle clear-trusted-servers --keep`;
    /// only polling entries are considered for Keep). Give exactly one of <see cref="Remove"/> and <see cref="Keep"/>.
    /// </summary>
    public sealed class TentaclePruneRequest
    {
        public string ConfigPath { get; set; } = "";
        public IList<TentacleAddress>? Remove { get; set; }
        public IList<TentacleAddress>? Keep { get; set; }

        /// <summary>Allows removing the last polling entry, after which the Tentacle polls no server at all.</summary>
        public bool Force { get; set; }

        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        internal Action<string>? BeforeReplace { get; set; }
    }

    /// <summary>What an edit would do (or did) to the trusted servers.</summary>
    public sealed class TentacleEditPlan
    {
        internal TentacleEditPlan(string configPath, IReadOnlyList<TrustedServer> added, IReadOnlyList<TrustedServer> removed,
            IReadOnlyList<TrustedServer> servers, IReadOnlyList<TentacleAddress> unmatched)
        {
            ConfigPath = configPath;
            Added = added;
            Removed = removed;
            Servers = servers;
            Unmatched = unmatched;
        }

        public string ConfigPath { get; }
        public IReadOnlyList<TrustedServer> Added { get; }
        public IReadOnlyList<TrustedServer> Removed { get; }

        /// <summary>The trusted servers after the edit, in the order they would be written.</summary>
        public IReadOnlyList<TrustedServer> Servers { get; }

        /// <summary>Prune addresses that matched no entry (nothing to remove, or nothing to keep).</summary>
        public IReadOnlyList<TentacleAddress> Unmatched { get; }

        public bool IsNoOp => Added.Count == 0 && Removed.Count == 0;
    }

    /// <summary>The outcome of an edit: the plan made under the lock, and whether and where it was written.</summary>
    public sealed class TentacleEditResult
    {
        internal TentacleEditResult(TentacleEditPlan plan, bool written, string? backupPath)
        {
            Plan = plan;
            Written = written;
            BackupPath = backupPath;
        }

        public TentacleEditPlan Plan { get; }

        /// <summary>False for a no-op, or when the observer declined (-WhatIf).</summary>
        public bool Written { get; }

        /// <summary>The copy of the config taken just before it was replaced.</summary>
        public string? BackupPath { get; }

        /// <summary>Tentacle reads its config only at start: restart it (`Tentacle service --restart`) after a write.</summary>
        public bool RestartNeeded => Written;
    }
}
