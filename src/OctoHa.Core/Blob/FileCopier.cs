using System;
using System.IO;
using System.Threading;

namespace OctoHa.Blob
{
    /// <summary>
    /// Copies one file so that a crash never leaves half a file under the real name: into a temporary name beside
    /// the destination, last-write time set, then renamed into place. A source that changed while it was read is
    /// never recorded as copied: it is retried, and reported if it keeps changing.
    /// </summary>
    internal static class FileCopier
    {
        internal enum Outcome { Copied, ChangedDuringCopy }

        /// <summary>Copies <paramref name="source"/> (as seen when listed: size and write time) over <paramref name="destination"/>.</summary>
        internal static Outcome Copy(string source, long expectedLength, DateTime expectedWriteUtc, string destination, bool destinationExists, CancellationToken ct)
        {
            string temp = CopyPaths.TempFor(destination);
            try
            {
                // Kernel-side copy where the OS has one (copy_file_range, CopyFileEx); the source is only read.
                File.Copy(source, temp, overwrite: true);
                ct.ThrowIfCancellationRequested();
                // Unchanged size and write time after the copy means the bytes we read are the file as listed.
                var after = new FileInfo(source);
                if (!after.Exists || after.Length != expectedLength || after.LastWriteTimeUtc != expectedWriteUtc)
                {
                    SafeFile.TryDelete(temp);
                    return Outcome.ChangedDuringCopy;
                }
                // Attributes (read-only included) came with the copy; setting the write time needs no write access.
                File.SetLastWriteTimeUtc(temp, expectedWriteUtc);
                MoveIntoPlace(temp, destination, destinationExists);
                return Outcome.Copied;
            }
            catch
            {
                SafeFile.TryDelete(temp);
                throw;
            }
        }

        // A rename replaces the old file in one step. A read-only file at the destination is made writable first,
        // since Windows refuses to replace it otherwise.
        private static void MoveIntoPlace(string temp, string destination, bool destinationExists)
        {
            if (destinationExists)
            {
                var existing = new FileInfo(destination);
                if (existing.Exists && (existing.Attributes & FileAttributes.ReadOnly) != 0) existing.Attributes &= ~FileAttributes.ReadOnly;
            }
            if (MoveOverwriting != null)
            {
                MoveOverwriting(temp, destination, true); // one rename(2) on .NET Core / .NET 5+
            }
            else if (destinationExists && File.Exists(destination))
            {
                File.Replace(temp, destination, null, ignoreMetadataErrors: true);
            }
            else
            {
                File.Move(temp, destination);
            }
        }

        // File.Move(string, string, bool) exists from .NET Core 3.0 on but not in netstandard2.0; where the runtime
        // has it (PowerShell 7, the CLI) it is a single rename, where it has not (Windows PowerShell) Replace/Move do.
        private static readonly Action<string, string, bool>? MoveOverwriting = FindMoveOverwriting();

        private static Action<string, string, bool>? FindMoveOverwriting()
        {
            var method = typeof(File).GetMethod("Move", new[] { typeof(string), typeof(string), typeof(bool) });
            return method == null ? null : (Action<string, string, bool>)Delegate.CreateDelegate(typeof(Action<string, string, bool>), method);
        }

        /// <summary>True when both files have the same bytes (for -Checksum).</summary>
        internal static bool SameContent(string a, string b, CancellationToken ct)
        {
            const int size = 1 << 16;
            using var fa = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, size, FileOptions.SequentialScan);
            using var fb = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, size, FileOptions.SequentialScan);
            if (fa.Length != fb.Length) return false;
            var ba = new byte[size];
            var bb = new byte[size];
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                int ra = ReadFull(fa, ba);
                int rb = ReadFull(fb, bb);
                if (ra != rb) return false;
                if (ra == 0) return true;
                for (int i = 0; i < ra; i++) if (ba[i] != bb[i]) return false;
            }
        }

        private static int ReadFull(Stream s, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int n = s.Read(buffer, total, buffer.Length - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

    }
}
