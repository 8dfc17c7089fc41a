using System.Collections.Generic;
using OctoHa.Processes;

namespace OctoHa.Storage
{
    /// <summary>The two commands New-OctoHaSharedStorage runs: `Octopus.Server path --clusterShared` and, on Windows, icacls.</summary>
    public static class ClusterShared
    {
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
