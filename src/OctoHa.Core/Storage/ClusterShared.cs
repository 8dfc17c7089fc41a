using System.Collections.Generic;
using System.Runtime.InteropServices;
using OctoHa.Processes;

namespace OctoHa.Storage
{
    /// <summary>The two commands New-OctoHaSharedStorage runs: `Octopus.Server path --clusterShared` and, on Windows, icacls.</summary>
    public static class ClusterShared
    {
        public const string WindowsServerPath = @"C:\Program Files\Octopus Deploy\Octopus\Octopus.Server.exe";
        public const string LinuxServerPath = "/Octopus/Octopus.Server";

        /// <summary>Octopus.Server's own default instance, used when no --instance is passed.</summary>
        public const string DefaultInstance = "OctopusServer";

        public static string DefaultServerPath() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? WindowsServerPath : LinuxServerPath;

        /// <summary>`Octopus.Server path --clusterShared ROOT [--instance NAME]`: the blob folders default to subfolders of ROOT.</summary>
        public static ExternalCommand PathCommand(string serverPath, string root, string? instance)
        {
            var args = new List<string> { "path", "--clusterShared", root };
            if (!string.IsNullOrWhiteSpace(instance))
            {
                args.Add("--instance");
                args.Add(instance!.Trim());
            }
            return new ExternalCommand(serverPath, args);
        }

        /// <summary>`icacls ROOT /grant "ACCOUNT:(OI)(CI)F"`: full control, inherited by every folder and file below.</summary>
        public static ExternalCommand GrantCommand(string root, string account) =>
            new ExternalCommand("icacls", new[] { root, "/grant", account.Trim() + ":(OI)(CI)F" });
    }
}
