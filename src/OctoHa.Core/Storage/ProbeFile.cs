using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace OctoHa.Storage
{
    /// <summary>
    /// The Writable, Lock and Latency checks. Each works on its own probe file, .octoha-probe-GUID in the root, and
    /// deletes it whatever happens; nothing else in the root is opened, let alone changed.
    /// </summary>
    internal static class ProbeFile
    {
        private static readonly byte[] Content = new byte[4096];

        internal static string NewName(string root) => Path.Combine(root, StorageChecks.ProbePrefix + Guid.NewGuid().ToString("N"));

        internal static CheckResult Writable(string root)
        {
            string probe = NewName(root), renamed = probe + ".renamed";
            string step = "create";
            try
            {
                using (var fs = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    fs.Write(Content, 0, 512);
                    fs.Flush(true);
                }
                step = "rename";
                File.Move(probe, renamed);
                step = "delete";
                File.Delete(renamed);
                if (File.Exists(renamed))
                    return new CheckResult(StorageChecks.Writable, CheckStatus.Fail, $"The probe file '{renamed}' is still there after it was deleted.");
                return new CheckResult(StorageChecks.Writable, CheckStatus.Pass,
                    $"This account ({Environment.UserName}) can create, rename and delete a file in the root. The Octopus service account needs the same rights (full control).");
            }
            catch (UnauthorizedAccessException ex)
            {
                return new CheckResult(StorageChecks.Writable, CheckStatus.Fail,
                    $"Access denied when trying to {step} a file in the root ({ex.Message}). Give this account and the Octopus service account full control of the root " +
                    "(New-OctoHaSharedStorage -ServiceAccount on Windows; the share's and the folder's permissions).", step);
            }
            catch (IOException ex)
            {
                return new CheckResult(StorageChecks.Writable, CheckStatus.Fail,
                    $"Could not {step} a file in the root: {ex.Message}. Check that the share is writable (not read-only, not full) for this account and the Octopus service account.", step);
            }
            finally
            {
                SafeFile.TryDelete(probe);
                SafeFile.TryDelete(renamed);
            }
        }

        internal static CheckResult Lock(string root)
        {
            string probe = NewName(root);
            try
            {
                FileStream held;
                try
                {
                    held = new FileStream(probe, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return new CheckResult(StorageChecks.Lock, CheckStatus.Fail,
                        $"Could not open a probe file for exclusive use: {ex.Message}. Octopus locks files it writes (task logs); the share must support locks.");
                }
                using (held)
                {
                    try
                    {
                        using (new FileStream(probe, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite)) { }
                    }
                    catch (IOException)
                    {
                        return new CheckResult(StorageChecks.Lock, CheckStatus.Pass, "An exclusive lock was taken, and a second open of the locked file was refused.");
                    }
                    catch (UnauthorizedAccessException)
                    {
                        return new CheckResult(StorageChecks.Lock, CheckStatus.Pass, "An exclusive lock was taken, and a second open of the locked file was refused.");
                    }
                    return new CheckResult(StorageChecks.Lock, CheckStatus.Warn,
                        "An exclusive open succeeded, but a second open of the same file was not refused, so the share may not enforce locks " +
                        "(NFS mounted with nolock or local_lock, or an NFS client that emulates locks per process). Two nodes could then write one task log at once: " +
                        "mount the share with locking (NFSv4, or SMB).");
                }
            }
            finally
            {
                SafeFile.TryDelete(probe);
            }
        }

        internal static CheckResult Latency(string root, StorageCheckLimits limits, CancellationToken ct)
        {
            var samples = new List<double>();
            for (int i = 0; i < limits.LatencySamples; i++)
            {
                ct.ThrowIfCancellationRequested();
                string probe = NewName(root);
                var clock = Stopwatch.StartNew();
                try
                {
                    using (var fs = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                    {
                        fs.Write(Content, 0, Content.Length);
                        fs.Flush(true);
                    }
                    using (var fs = new FileStream(probe, FileMode.Open, FileAccess.Read, FileShare.Read))
                    {
                        var buffer = new byte[Content.Length];
                        while (fs.Read(buffer, 0, buffer.Length) > 0) { }
                    }
                    File.Delete(probe);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return new CheckResult(StorageChecks.Latency, CheckStatus.Fail, $"Small-file round trip {i + 1} failed: {ex.Message}.");
                }
                finally
                {
                    SafeFile.TryDelete(probe);
                }
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
            samples.Sort();
            double median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[samples.Count / 2 - 1] + samples[samples.Count / 2]) / 2;
            return Judge(median, samples.Last(), samples.Count, limits);
        }

        /// <summary>The verdict on a measured median, apart from the measuring so that the thresholds can be tested without a slow disk.</summary>
        internal static CheckResult Judge(double medianMs, double slowestMs, int count, StorageCheckLimits limits)
        {
            string value = Ms(medianMs);
            string measured = $"The median of {count} small-file round trips (create, write 4 KiB, flush, read, delete) is {value} (slowest {Ms(slowestMs)})";
            const string advice = "Octopus nodes are sensitive to file-storage latency: keep the storage in the same data center or cloud region as the nodes.";
            if (medianMs > limits.LatencyFailure.TotalMilliseconds)
                return new CheckResult(StorageChecks.Latency, CheckStatus.Fail, $"{measured}, above the failure threshold of {Ms(limits.LatencyFailure.TotalMilliseconds)}. {advice}", value);
            if (medianMs > limits.LatencyWarning.TotalMilliseconds)
                return new CheckResult(StorageChecks.Latency, CheckStatus.Warn, $"{measured}, above the warning threshold of {Ms(limits.LatencyWarning.TotalMilliseconds)}. {advice}", value);
            return new CheckResult(StorageChecks.Latency, CheckStatus.Pass, $"{measured}, within {Ms(limits.LatencyWarning.TotalMilliseconds)}.", value);
        }

        private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
    }
}
