using System;
using System.IO;

namespace OctoHa.Storage
{
    /// <summary>Storage roots as full paths without a trailing separator, and comparisons between them.</summary>
    internal static class StoragePaths
    {
        internal static string Normalize(string? path, string parameter)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new OctoHaException("StoragePathMissing", OctoHaErrorKind.InvalidArgument,
                    $"No {parameter} was given. Give the shared storage root, such as \\\\fileserver\\OctopusShared (Windows) or /mnt/octopus (Linux).");
            string p = path!.Trim();
            if (!NativePaths.IsWindows && p.StartsWith(@"\\", StringComparison.Ordinal))
                throw new OctoHaException("UncPathOnUnix", OctoHaErrorKind.InvalidArgument,
                    $"'{p}' is a Windows UNC path, which this operating system cannot open. Mount the share (mount -t cifs or nfs) and give the mount point's path.", p);
            string full;
            try
            {
                full = Path.GetFullPath(p);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new OctoHaException("InvalidStoragePath", OctoHaErrorKind.InvalidArgument, $"'{p}' is not a valid path: {ex.Message}", p, ex);
            }
            string? root = Path.GetPathRoot(full);
            return full.Length > (root?.Length ?? 0) ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
        }

        /// <summary>The path with links resolved; for a path that does not exist yet, its nearest existing ancestor resolved plus the rest.</summary>
        internal static string Resolve(string path)
        {
            string rest = "";
            string? current = path;
            while (current != null)
            {
                string? real = NativePaths.RealPath(current);
                if (real != null) return rest.Length == 0 ? real : Path.Combine(real, rest);
                rest = rest.Length == 0 ? Path.GetFileName(current) : Path.Combine(Path.GetFileName(current), rest);
                current = Path.GetDirectoryName(current);
            }
            return path;
        }

        /// <summary>Whether two paths name the same folder: as written, or once their links are resolved.</summary>
        internal static bool SameFolder(string a, string b)
        {
            var comparison = NativePaths.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            string na = Trim(a), nb = Trim(b);
            if (string.Equals(na, nb, comparison)) return true;
            string? ra = NativePaths.RealPath(a), rb = NativePaths.RealPath(b);
            return ra != null && rb != null && string.Equals(Trim(ra), Trim(rb), comparison);
        }

        private static string Trim(string p)
        {
            string full = Path.GetFullPath(p);
            string? root = Path.GetPathRoot(full);
            return full.Length > (root?.Length ?? 0) ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
        }
    }
}
