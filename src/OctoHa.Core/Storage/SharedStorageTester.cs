using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Blob;

namespace OctoHa.Storage
{
    /// <summary>What Test-OctoHaSharedStorage checks, and against which limits.</summary>
    public sealed class SharedStorageTestRequest : StorageCheckLimits
    {
        /// <summary>The shared storage root (\\server\share\Octopus, X:\Octopus, /mnt/octopus).</summary>
        public string Path { get; set; } = "";
    }

    /// <summary>Checks a shared storage root: reachable, writable, lockable, latency, free space, folders, and what kind of path it is.</summary>
    public static class SharedStorageTester
    {
        private const string Activity = "Testing shared storage";

        /// <summary>One CheckResult per check, in a fixed order. Never throws for a check that fails: that is a Fail result.</summary>
        public static IReadOnlyList<CheckResult> Test(SharedStorageTestRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var obs = observer ?? NullObserver.Instance;
            request.Validate();
            string root = StoragePaths.Normalize(request.Path, "Path");
            var results = new List<CheckResult>();

            obs.Progress(new OperationProgress(Activity, root));
            CheckResult reachable = Reachable(root);
            results.Add(reachable);
            if (reachable.Status == CheckStatus.Fail)
            {
                foreach (string check in new[] { StorageChecks.Writable, StorageChecks.Lock, StorageChecks.Latency, StorageChecks.FreeSpace, StorageChecks.Folders })
                    results.Add(new CheckResult(check, CheckStatus.Fail, "Not checked: the root cannot be reached."));
            }
            else
            {
                obs.Verbose($"Writing, renaming and deleting a probe file ({StorageChecks.ProbePrefix}*) in '{root}'.");
                CheckResult writable = ProbeFile.Writable(root);
                results.Add(writable);
                if (writable.Status == CheckStatus.Fail)
                {
                    results.Add(new CheckResult(StorageChecks.Lock, CheckStatus.Fail, "Not checked: no file can be written in the root."));
                    results.Add(new CheckResult(StorageChecks.Latency, CheckStatus.Fail, "Not checked: no file can be written in the root."));
                }
                else
                {
                    results.Add(ProbeFile.Lock(root));
                    obs.Progress(new OperationProgress(Activity, $"{root}: latency over {request.LatencySamples} small-file round trips"));
                    results.Add(ProbeFile.Latency(root, request, ct));
                }
                results.Add(FreeSpace(root, request));
                results.Add(Folders(root));
            }
            results.AddRange(PathKind(root, request, obs));
            obs.Progress(new OperationProgress(Activity, root, 100, completed: true));
            return results;
        }

        private static CheckResult Reachable(string root)
        {
            if (File.Exists(root))
                return new CheckResult(StorageChecks.Reachable, CheckStatus.Fail, $"'{root}' is a file, not a folder. Give the folder that holds (or will hold) the blob folders.");
            if (!Directory.Exists(root))
            {
                string? parent = System.IO.Path.GetDirectoryName(root);
                if (parent != null && Directory.Exists(parent))
                    return new CheckResult(StorageChecks.Reachable, CheckStatus.Fail,
                        $"'{root}' does not exist (its parent '{parent}' does). Create it with New-OctoHaSharedStorage (octoha storage new).");
                return new CheckResult(StorageChecks.Reachable, CheckStatus.Fail,
                    $"'{root}' cannot be reached. Check the server and share names, that the file server is up and reachable from this machine (SMB 445, NFS 2049), " +
                    "and that this account may open the share; on Linux, that the share is mounted.");
            }
            try
            {
                using (var entries = Directory.EnumerateFileSystemEntries(root).GetEnumerator()) entries.MoveNext();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                return new CheckResult(StorageChecks.Reachable, CheckStatus.Fail,
                    $"'{root}' exists but cannot be listed: {ex.Message}. Give this account and the Octopus service account full control of it.");
            }
            return new CheckResult(StorageChecks.Reachable, CheckStatus.Pass, "The root exists and can be listed.");
        }

        private static CheckResult FreeSpace(string root, StorageCheckLimits limits)
        {
            long? free;
            try
            {
                free = NativePaths.FreeBytes(root);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
            {
                return new CheckResult(StorageChecks.FreeSpace, CheckStatus.Warn, $"The free space could not be read ({ex.Message}); check it on the file server.");
            }
            if (free == null)
                return new CheckResult(StorageChecks.FreeSpace, CheckStatus.Warn, "The free space could not be read; check it on the file server.");
            string value = Size(free.Value);
            if (free.Value < limits.FreeSpaceWarning)
                return new CheckResult(StorageChecks.FreeSpace, CheckStatus.Warn,
                    $"{value} free, below the {Size(limits.FreeSpaceWarning)} warning threshold. Packages, artifacts and task logs grow with every deployment: " +
                    "add space, or tighten the retention policies.", value);
            return new CheckResult(StorageChecks.FreeSpace, CheckStatus.Pass, $"{value} free for this account.", value);
        }

        internal static string Size(long bytes) =>
            (bytes / (double)StorageCheckLimits.GiB).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";

        private static CheckResult Folders(string root)
        {
            var files = BlobFolders.All.Where(f => File.Exists(System.IO.Path.Combine(root, f))).ToList();
            if (files.Count > 0)
                return new CheckResult(StorageChecks.Folders, CheckStatus.Fail,
                    $"{string.Join(", ", files)} {(files.Count == 1 ? "is a file, not a folder" : "are files, not folders")}. Octopus needs folders of these names; move the files away.",
                    string.Join(",", files));
            var missing = BlobFolders.All.Where(f => !Directory.Exists(System.IO.Path.Combine(root, f))).ToList();
            if (missing.Count > 0)
                return new CheckResult(StorageChecks.Folders, CheckStatus.Warn,
                    $"Missing: {string.Join(", ", missing)}. Create them with New-OctoHaSharedStorage (octoha storage new). On a cluster already in use, " +
                    "missing folders mean this is not the root the nodes use (empty task logs and missing packages would follow).", string.Join(",", missing));
            return new CheckResult(StorageChecks.Folders, CheckStatus.Pass, $"All six folders are there: {string.Join(", ", BlobFolders.All)}.");
        }

        // LocalDisk and MappedDrive on Windows; Mount on Linux. The checks that do not apply are Pass, saying so, so every run has the same rows.
        private static IEnumerable<CheckResult> PathKind(string root, StorageCheckLimits limits, IOperationObserver obs)
        {
            if (NativePaths.IsWindows)
            {
                var (local, mapped) = WindowsStoragePath.Classify(root, WindowsStoragePath.DriveTypeOf, Environment.MachineName);
                return new[] { local, mapped, new CheckResult(StorageChecks.Mount, CheckStatus.Pass, "Does not apply on Windows: LocalDisk and MappedDrive tell what kind of path this is.") };
            }
            var mount = limits.MountTable != null || NativePaths.IsLinux
                ? Mount(root, limits.MountTable ?? MountTable.DefaultPath(), obs)
                : new CheckResult(StorageChecks.Mount, CheckStatus.Pass, "Not checked on this operating system: it has no /proc mount table.");
            return new[]
            {
                new CheckResult(StorageChecks.LocalDisk, CheckStatus.Pass, "Does not apply here (a Windows check): the Mount check tells a share from a local disk."),
                new CheckResult(StorageChecks.MappedDrive, CheckStatus.Pass, "Does not apply here (a Windows check): there are no drive letters."),
                mount,
            };
        }

        internal static CheckResult Mount(string root, string tablePath, IOperationObserver obs)
        {
            IReadOnlyList<MountEntry> table;
            try
            {
                table = MountTable.Parse(File.ReadAllText(tablePath));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return new CheckResult(StorageChecks.Mount, CheckStatus.Warn, $"The mount table '{tablePath}' could not be read ({ex.Message}), so the kind of storage is unknown.");
            }
            string resolved = StoragePaths.Resolve(root);
            obs.Verbose($"'{root}' resolves to '{resolved}'; looking it up in {tablePath} ({table.Count} mounts).");
            MountEntry? m = MountTable.Find(table, resolved);
            if (m == null)
                return new CheckResult(StorageChecks.Mount, CheckStatus.Warn, $"No mount in '{tablePath}' holds '{resolved}', so the kind of storage is unknown.");
            string value = $"{m.FileSystemType} {m.Source} on {m.MountPoint}";
            if (MountTable.NetworkTypes.Contains(m.FileSystemType))
                return new CheckResult(StorageChecks.Mount, CheckStatus.Pass, $"On a network share: {m.FileSystemType} from {m.Source}, mounted at {m.MountPoint}.", value);
            const string need = "HA needs storage every node reaches: mount a network share (NFS, SMB/CIFS, Azure Files) or, in a container, a shared volume, and give a path on it.";
            if (m.MountPoint == "/" && MountTable.EphemeralTypes.Contains(m.FileSystemType))
                return new CheckResult(StorageChecks.Mount, CheckStatus.Warn,
                    $"On the container's own filesystem ({m.FileSystemType} at /): no other node sees it, and it goes when the container goes. {need}", value);
            if (MountTable.EphemeralTypes.Contains(m.FileSystemType))
                return new CheckResult(StorageChecks.Mount, CheckStatus.Warn,
                    $"On {m.FileSystemType} at {m.MountPoint}, which lives only on this machine (and in memory for tmpfs). {need}", value);
            if (m.MountPoint == "/")
                return new CheckResult(StorageChecks.Mount, CheckStatus.Warn,
                    $"On this machine's root filesystem ({m.FileSystemType} from {m.Source}), a local disk; the guide says it cannot be a local drive. {need}", value);
            return new CheckResult(StorageChecks.Mount, CheckStatus.Pass,
                $"On a volume mount: {m.FileSystemType} from {m.Source} at {m.MountPoint}. Make sure every node mounts the same shared volume there.", value);
        }
    }
}
