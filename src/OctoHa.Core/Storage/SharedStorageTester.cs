using System;
using System.Collections.Generic;
using System.Threading;

namespace OctoHa.Storage
{
    /// <summary>What Test-OctoHaSharedStorage checks, and against which limits.</summary>
    public sealed class SharedStorageTestRequest
    {
        /// <summary>The shared storage root (\\server\share\Octopus, X:\Octopus, /mnt/octopus).</summary>
        public string Path { get; set; } = "";

        /// <summary>The mount table to read on Linux (default /proc/self/mountinfo, else /proc/mounts); tests pass a prepared one.</summary>
        public string? MountTable { get; set; }
    }

    /// <summary>Checks a shared storage root: reachable, writable, lockable, latency, free space, folders, and what kind of path it is.</summary>
    public static class SharedStorageTester
    {
        /// <summary>One CheckResult per check, in a fixed order. Never throws for a check that fails: that is a Fail result.</summary>
        public static IReadOnlyList<CheckResult> Test(SharedStorageTestRequest request, IOperationObserver? observer, CancellationToken ct) =>
            throw new NotImplementedException("SKELETON: the storage helper implements this.");
    }
}
