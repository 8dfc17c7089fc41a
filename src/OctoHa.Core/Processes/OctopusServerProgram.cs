using System.Runtime.InteropServices;

namespace OctoHa.Processes
{
    /// <summary>
    /// Where Octopus.Server is installed unless told otherwise (facts (d)), and the instance it acts on by default:
    /// one place for every verb that runs it (New-OctoHaSharedStorage, Add-OctoHaNode).
    /// </summary>
    public static class OctopusServerProgram
    {
        public const string WindowsPath = @"C:\Program Files\Octopus Deploy\Octopus\Octopus.Server.exe";

        /// <summary>The Octopus Server Linux container's program.</summary>
        public const string LinuxPath = "/Octopus/Octopus.Server";

        /// <summary>Octopus.Server's own default instance name.</summary>
        public const string DefaultInstance = "OctopusServer";

        public static string DefaultPath(bool isWindows) => isWindows ? WindowsPath : LinuxPath;

        public static string DefaultPath() => DefaultPath(RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
    }
}
