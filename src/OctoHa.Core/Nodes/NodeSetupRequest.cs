using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Database;
using OctoHa.Processes;

namespace OctoHa.Nodes
{
    /// <summary>How Add-OctoHaNode -Container writes the container's environment.</summary>
    public enum ContainerFormat
    {
        /// <summary>NAME=value lines for docker compose or a shell; secrets as ${NAME} references.</summary>
        Env,

        /// <summary>A Kubernetes env: list; secrets as valueFrom.secretKeyRef.</summary>
        Kubernetes,
    }

    /// <summary>Add-OctoHaNode / `octoha node add`: what the new node is, where its database and storage are, and how it is set up.</summary>
    public sealed class NodeSetupRequest
    {
        public const int DefaultCommsPort = 10943;
        public const string DefaultSecretName = "octopus-server";

        /// <summary>The Octopus Server instance on this host (Octopus's own default: OctopusServer).</summary>
        public string Instance { get; set; } = OctopusServerProgram.DefaultInstance;

        /// <summary>The node's name in the cluster (create-instance --serverNodeName); by default Octopus uses the machine name.</summary>
        public string NodeName { get; set; } = "";

        /// <summary>The cluster's database. Secret: it is never printed with its password.</summary>
        public string? ConnectionString { get; set; }

        /// <summary>The cluster's master key (Octopus Manager > View master key). Secret.</summary>
        public string? MasterKey { get; set; }

        /// <summary>The shared storage root every node uses (path --clusterShared).</summary>
        public string? SharedStorage { get; set; }

        /// <summary>configure --webListenPrefixes, e.g. https://octo4.example.com/ (several separated by commas).</summary>
        public string? WebListenPrefix { get; set; }

        public int CommsPort { get; set; } = DefaultCommsPort;

        /// <summary>0 (the default) adds a node that picks up no tasks, as the HA guide advises for a new node.</summary>
        public int TaskCap { get; set; }

        /// <summary>The Octopus.Server program; defaults to the documented install path of this platform.</summary>
        public string? ServerPath { get; set; }

        /// <summary>create-instance --config; defaults to <see cref="NodeSetupPlan.DefaultConfigPath"/>.</summary>
        public string? ConfigPath { get; set; }

        /// <summary>configure --home: the node's own (not shared) home folder; Octopus's default when not given.</summary>
        public string? HomeDirectory { get; set; }

        /// <summary>A connection to the cluster, for the node-name and version checks; they are reported as not run without one.</summary>
        public OctopusConnection? Connection { get; set; }

        /// <summary>Write the Octopus Server container's environment instead of running commands.</summary>
        public bool Container { get; set; }

        public ContainerFormat ContainerFormat { get; set; } = ContainerFormat.Env;

        /// <summary>The Kubernetes secret the container's DB_CONNECTION_STRING and MASTER_KEY are read from.</summary>
        public string SecretName { get; set; } = DefaultSecretName;

        /// <summary>Run no preflight checks (reported as one Warn).</summary>
        public bool SkipPreflight { get; set; }

        /// <summary>How long one Octopus.Server command may take.</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(10);

        // Test hooks: SQL Server cannot run here, so tests pass a stand-in for the database check; the storage check
        // can be replaced the same way. Null means the real DatabaseTester and SharedStorageTester.
        internal Func<CancellationToken, Task<DatabaseReport>>? DatabasePreflight { get; set; }
        internal Func<IReadOnlyList<CheckResult>>? StoragePreflight { get; set; }

        // Test hook: whether this host is Windows, for the default paths.
        internal bool? IsWindows { get; set; }
    }
}
