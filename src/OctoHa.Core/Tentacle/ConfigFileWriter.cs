using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// Lock, temp file, backup and rename: how a config is replaced so that a crash at any point leaves either the old
    /// file or the new one, and two editors never lose each other's change.
    /// </summary>
    internal static class ConfigFileWriter
    {
        internal const string LockSuffix = ".octoha-lock";
        internal const string TempMarker = ".octoha-tmp-";

        /// <summary>
        /// An exclusive handle on &lt;config&gt;.octoha-lock. The lock file stays after release: deleting it would let a
        /// waiter that already opened the old file and a newcomer creating a new one both believe they hold the lock.
        /// </summary>
        internal static FileStream AcquireLock(string configPath, TimeSpan timeout, CancellationToken ct)
        {
            string lockPath = configPath + LockSuffix;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (UnauthorizedAccessException ex)
                {
                    throw new OctoHaException("TentacleConfigAccessDenied", OctoHaErrorKind.PermissionDenied,
                        $"Cannot create the lock file '{lockPath}' beside the Tentacle config: access is denied. Run as root or an administrator.", lockPath, ex);
                }
                catch (IOException ex)
                {
                    if (clock.Elapsed >= timeout)
                        throw new OctoHaException("TentacleConfigLocked", OctoHaErrorKind.ResourceBusy,
                            $"Another edit of '{configPath}' held '{lockPath}' for longer than {timeout.TotalSeconds:0} s. " +
                            "Wait for it to finish and try again; if no edit is running, the lock is held by a stuck process.", configPath, ex);
                    ct.WaitHandle.WaitOne(25);
                }
            }
        }

        /// <summary>Temp files left by an edit that crashed before its rename; the config itself was never touched.</summary>
        internal static int RemoveLeftovers(string configPath)
        {
            string dir = Path.GetDirectoryName(configPath)!;
            int removed = 0;
            foreach (string f in Directory.GetFiles(dir, Path.GetFileName(configPath) + TempMarker + "*"))
            {
                File.Delete(f);
                removed++;
            }
            return removed;
        }

        /// <summary>Writes the new content beside the config, backs the config up, then renames the new file over it.</summary>
        internal static string Replace(string configPath, byte[] content, Action<string>? beforeReplace)
        {
            string dir = Path.GetDirectoryName(configPath)!;
            string name = Path.GetFileName(configPath);
            string temp = Path.Combine(dir, name + TempMarker + Guid.NewGuid().ToString("N").Substring(0, 8));
            try
            {
                // Copy first so the temp file gets the config's permissions (on Linux it holds the Tentacle certificate).
                File.Copy(configPath, temp, false);
                using (var fs = new FileStream(temp, FileMode.Truncate, FileAccess.Write, FileShare.None))
                {
                    fs.Write(content, 0, content.Length);
                    fs.Flush(true);
                }
                string backup = BackupPath(dir, name);
                File.Copy(configPath, backup, false);
                beforeReplace?.Invoke(temp);
                File.Replace(temp, configPath, null);
                return backup;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                SafeFile.TryDelete(temp);
                throw new OctoHaException("TentacleConfigWriteFailed", OctoHaErrorKind.WriteError,
                    $"Could not write '{configPath}': {ex.Message}. The config was left as it was; fix the cause (disk space, permissions) and try again.",
                    configPath, ex);
            }
        }

        private static string BackupPath(string dir, string name)
        {
            string stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            string path = Path.Combine(dir, $"{name}.{stamp}.bak");
            // Two edits in the same second: keep both backups rather than overwrite the older one.
            for (int i = 2; File.Exists(path); i++) path = Path.Combine(dir, $"{name}.{stamp}-{i}.bak");
            return path;
        }
    }
}
