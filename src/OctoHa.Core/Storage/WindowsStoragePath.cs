using System;
using System.IO;

namespace OctoHa.Storage
{
    /// <summary>
    /// What kind of Windows path a storage root is: a UNC share (what HA wants), a mapped drive letter (works, but only
    /// for the user who mapped it) or a local disk (cannot be shared by the nodes).
    /// </summary>
    internal static class WindowsStoragePath
    {
        /// <summary>The LocalDisk and MappedDrive checks. <paramref name="driveTypeOf"/> is DriveInfo's answer for a letter (null when unknown).</summary>
        internal static (CheckResult LocalDisk, CheckResult MappedDrive) Classify(string path, Func<char, DriveType?> driveTypeOf, string machineName)
        {
            string p = path.Replace('/', '\\');
            if (p.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase)) p = @"\\" + p.Substring(8);
            else if (p.StartsWith(@"\\?\", StringComparison.Ordinal) || p.StartsWith(@"\\.\", StringComparison.Ordinal)) p = p.Substring(4);

            var notMapped = new CheckResult(StorageChecks.MappedDrive, CheckStatus.Pass, "Not a drive letter: nothing depends on a user's mapped drives.");
            if (p.StartsWith(@"\\", StringComparison.Ordinal))
            {
                string server = p.Substring(2).Split('\\')[0];
                if (IsThisMachine(server, machineName))
                    return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Warn,
                        $"The share is named through this machine ('{server}'): the other nodes cannot reach it by that name, and the files live on this node's own disk. " +
                        "HA needs a file share every node reaches (a file server, a NAS, Azure Files); use its \\\\server\\share path.", server), notMapped);
                return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Pass, $"A UNC path to a file share on '{server}'.", server), notMapped);
            }

            if (p.Length >= 2 && p[1] == ':' && char.IsLetter(p[0]))
            {
                char letter = char.ToUpperInvariant(p[0]);
                DriveType? type = driveTypeOf(letter);
                if (type == DriveType.Network)
                    return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Pass, $"{letter}: is a network drive.", "Network"),
                        new CheckResult(StorageChecks.MappedDrive, CheckStatus.Warn,
                            $"{letter}: is a mapped network drive. Drives are mapped per user, so the Octopus service account must have {letter}: mapped too " +
                            "(or use the \\\\server\\share path, which needs no mapping).", letter + ":"));
                if (type == null || type == DriveType.NoRootDirectory || type == DriveType.Unknown)
                    return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Warn,
                            $"{letter}: is not a drive this account has; if it is a mapped drive, it is mapped for another user. Use the \\\\server\\share path.", "NoDrive"),
                        new CheckResult(StorageChecks.MappedDrive, CheckStatus.Warn,
                            $"{letter}: is not mapped for this account. Drives are mapped per user: map it for the Octopus service account, or use the \\\\server\\share path.", letter + ":"));
                return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Warn,
                        $"{letter}: is a {type} disk of this machine. HA needs a file share every node reaches; the guide says it cannot be a local drive. " +
                        "Use a \\\\server\\share path (or a mapped drive of the service account).", type.ToString()),
                    notMapped);
            }

            return (new CheckResult(StorageChecks.LocalDisk, CheckStatus.Warn, "The path is neither a UNC path nor a drive letter path, so where it lives cannot be told.", p),
                notMapped);
        }

        private static bool IsThisMachine(string server, string machineName) =>
            string.Equals(server, "localhost", StringComparison.OrdinalIgnoreCase) || server == "127.0.0.1" || server == "::1" || server == "." ||
            server == "[::1]" || string.Equals(server, machineName, StringComparison.OrdinalIgnoreCase) ||
            server.StartsWith(machineName + ".", StringComparison.OrdinalIgnoreCase);

        /// <summary>DriveInfo's drive type of a letter on this machine, null when it cannot be asked.</summary>
        internal static DriveType? DriveTypeOf(char letter)
        {
            try
            {
                return new DriveInfo(letter + ":\\").DriveType;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
