using System;

namespace OctoHa.Storage
{
    /// <summary>What New-OctoHaSharedStorage prepares: the root and its six folders, optional links and grant, then `path --clusterShared`.</summary>
    public sealed class SharedStorageRequest : StorageCheckLimits
    {
        /// <summary>The shared storage root (\\server\share\Octopus, /mnt/octopus); created when missing.</summary>
        public string Path { get; set; } = "";

        /// <summary>A local folder (C:\Octopus) that gets one directory symbolic link per blob folder, pointing into the root.</summary>
        public string? LinkPath { get; set; }

        /// <summary>The account Octopus runs as (DOMAIN\svc-octopus, NT Service\OctopusDeploy): given full control of the root on Windows.</summary>
        public string? ServiceAccount { get; set; }

        /// <summary>The Octopus.Server program; defaults to <see cref="OctoHa.Processes.OctopusServerProgram.DefaultPath()"/>.</summary>
        public string? ServerPath { get; set; }

        /// <summary>The Octopus Server instance (--instance); when empty, none is passed and Octopus.Server uses its default, OctopusServer.</summary>
        public string? Instance { get; set; }

        /// <summary>Leave out the `path --clusterShared` step (it is stored in the database, so one node runs it once).</summary>
        public bool SkipClusterShared { get; set; }

        /// <summary>How long icacls and Octopus.Server may take.</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);
    }
}
