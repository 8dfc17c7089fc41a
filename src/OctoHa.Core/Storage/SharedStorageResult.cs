using System.Collections.Generic;

namespace OctoHa.Storage
{
    /// <summary>One symbolic link of -LinkPath: LinkPath\Folder pointing at Root\Folder.</summary>
    public sealed class SharedStorageLink
    {
        /// <summary>The link was made by this run.</summary>
        public const string Created = "Created";
        /// <summary>The link was already there, pointing at the right folder.</summary>
        public const string Existing = "Existing";
        /// <summary>An empty real folder stood there; it was removed and the link made in its place.</summary>
        public const string ReplacedEmptyFolder = "ReplacedEmptyFolder";
        /// <summary>Planned but not made (-WhatIf, or declined at -Confirm).</summary>
        public const string NotCreated = "NotCreated";

        internal SharedStorageLink(string path, string target, string planned)
        {
            Path = path;
            Target = target;
            Planned = planned;
            Status = planned == Existing ? Existing : NotCreated;
        }

        // Created or ReplacedEmptyFolder: what the run is to do; Status says what it did.
        internal string Planned { get; }

        public string Path { get; }
        public string Target { get; }
        public string Status { get; internal set; }

        public override string ToString() => $"{Path} -> {Target} ({Status})";
    }

    /// <summary>What New-OctoHaSharedStorage did to a shared storage root.</summary>
    public sealed class SharedStorageResult
    {
        internal SharedStorageResult(string path) => Path = path;

        public string Path { get; }

        /// <summary>True when this run created the root folder itself.</summary>
        public bool RootCreated { get; internal set; }

        /// <summary>Blob folders created by this run.</summary>
        public IReadOnlyList<string> FoldersCreated { get; internal set; } = new string[0];

        /// <summary>Blob folders that were already there.</summary>
        public IReadOnlyList<string> FoldersExisting { get; internal set; } = new string[0];

        /// <summary>The symbolic links of -LinkPath, made or found.</summary>
        public IReadOnlyList<SharedStorageLink> Links { get; internal set; } = new SharedStorageLink[0];

        /// <summary>The account given full control (Windows), or null.</summary>
        public string? ServiceAccount { get; internal set; }

        /// <summary>True when icacls granted the service account full control.</summary>
        public bool AccessGranted { get; internal set; }

        /// <summary>The storage checks, run after the folders were made.</summary>
        public IReadOnlyList<CheckResult> Checks { get; internal set; } = new CheckResult[0];

        /// <summary>The `Octopus.Server path --clusterShared ROOT` command, run or (when skipped) to run on one node.</summary>
        public string ClusterSharedCommand { get; internal set; } = "";

        /// <summary>True when the command ran and succeeded.</summary>
        public bool ClusterSharedSet { get; internal set; }

        public override string ToString() => $"{Path}: {FoldersCreated.Count} created, {FoldersExisting.Count} existing";
    }
}
