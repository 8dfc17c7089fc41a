using System;
using System.Collections.Generic;

namespace OctoHa.Blob
{
    /// <summary>What Copy-OctoHaBlobData / `octoha blob copy` is asked to do, in robocopy's terms.</summary>
    public sealed class BlobCopyRequest
    {
        public string Source { get; set; } = "";
        public string Destination { get; set; } = "";

        /// <summary>Also delete destination files and folders the source lacks (robocopy /MIR).</summary>
        public bool Mirror { get; set; }

        /// <summary>Mirror even when the source is missing or empty and the destination is not. Never the default.</summary>
        public bool Force { get; set; }

        /// <summary>Only these blob folders of an Octopus data root (TaskLogs, Artifacts, ...); empty means the whole tree.</summary>
        public IReadOnlyList<string> Folders { get; set; } = Array.Empty<string>();

        /// <summary>Directory names or relative paths to leave out, with wildcards (robocopy /XD).</summary>
        public IReadOnlyList<string> ExcludeDirectories { get; set; } = Array.Empty<string>();

        /// <summary>File names to leave out, with wildcards (robocopy /XF).</summary>
        public IReadOnlyList<string> ExcludeFiles { get; set; } = Array.Empty<string>();

        /// <summary>Parallel file copies (robocopy /MT). The default suits the machine: 2 per core, between 4 and 32
        /// (measured best on local disks; raise it for high-latency shares).</summary>
        public int ThreadCount { get; set; } = DefaultThreadCount;

        /// <summary>Compare file content, not size and last-write time, to decide what to copy.</summary>
        public bool Checksum { get; set; }

        /// <summary>Retries per file for transient errors (a locked file, a network share blip, a file changing under us).</summary>
        public int Retry { get; set; } = 3;

        public TimeSpan RetryWait { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>A robocopy-like log file; null for none.</summary>
        public string? LogPath { get; set; }

        /// <summary>List what would be copied and deleted, and change nothing (robocopy /L, -WhatIf).</summary>
        public bool ListOnly { get; set; }

        /// <summary>Destination folders with more entries than this are compared by stat-ing file by file instead of
        /// being held in memory, so memory stays bounded. Settable for tests.</summary>
        internal int ListingLimit { get; set; } = 50_000;

        public static int DefaultThreadCount => Math.Max(4, Math.Min(32, Environment.ProcessorCount * 2));
    }
}
