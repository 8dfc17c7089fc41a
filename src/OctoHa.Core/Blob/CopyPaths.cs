using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OctoHa.Blob
{
    /// <summary>Path rules of a blob copy: full paths, same-or-nested checks, and our temporary file names.</summary>
    internal static class CopyPaths
    {
        // Leftovers of an interrupted run carry this marker; a rerun deletes them and never counts them as extras.
        internal const string TempMarker = ".octoha-partial-";

        internal static readonly StringComparison Comparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        internal static string Full(string path, string what)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new OctoHaException(what + "PathMissing", OctoHaErrorKind.InvalidArgument, $"No {what.ToLowerInvariant()} folder was given.", what);
            try
            {
                string full = Path.GetFullPath(path.Trim());
                string trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                return trimmed.Length > 0 ? trimmed : Path.GetPathRoot(full)!; // "/" stays "/"
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new OctoHaException(what + "PathInvalid", OctoHaErrorKind.InvalidArgument, $"'{path}' is not a valid {what.ToLowerInvariant()} path: {ex.Message}", what, ex);
            }
        }

        internal static bool IsSameOrInside(string inner, string outer)
        {
            if (string.Equals(inner, outer, Comparison)) return true;
            string prefix = outer.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? outer : outer + Path.DirectorySeparatorChar;
            return inner.StartsWith(prefix, Comparison);
        }

        internal static bool IsTemp(string name) => name.IndexOf(TempMarker, StringComparison.Ordinal) >= 0;

        internal static string TempFor(string destinationFile) =>
            Path.Combine(Path.GetDirectoryName(destinationFile)!, "." + Path.GetFileName(destinationFile) + TempMarker + Guid.NewGuid().ToString("N").Substring(0, 8));
    }
}
