using System.Management.Automation;
using OctoHa.Tentacle;

namespace OctoHa.Cmdlets.Tentacle
{
    /// <summary>What the polling-Tentacle cmdlets share: -ConfigPath as a file-system path (the engine refuses it together with -Instance), and -TentaclePath.</summary>
    internal static class TentacleParameters
    {
        internal static void Target(OctoHaCmdlet cmdlet, TentacleTarget target, string? configPath, string? instance)
        {
            target.ConfigPath = string.IsNullOrWhiteSpace(configPath) ? null : cmdlet.FileSystemPath(configPath!, "ConfigPath", "Tentacle.config is a file");
            target.Instance = instance;
        }

        internal static void Change(OctoHaCmdlet cmdlet, TentacleChangeRequest request, string? configPath, string? instance, bool restart, string? tentaclePath)
        {
            Target(cmdlet, request, configPath, instance);
            request.Restart = restart;
            request.TentaclePath = cmdlet.ProgramPath(tentaclePath, "TentaclePath", "the Tentacle program is a file");
        }
    }
}
