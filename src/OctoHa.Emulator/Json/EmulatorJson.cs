using System.Text.Json.Nodes;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Json
{
    /// <summary>Payloads of the /emulator control endpoints. These are the emulator's own, not Octopus shapes.</summary>
    internal static class EmulatorJson
    {
        public const string Disclaimer = "OctoHa emulated Octopus HA cluster: a stand-in for Octopus Server on loopback, not Octopus Server.";

        public static JsonObject Node(NodeRecord n, string url) => new JsonObject
        {
            ["Name"] = n.Name,
            ["Id"] = n.Id,
            ["Url"] = url,
            ["IsAlive"] = n.IsAlive,
            ["IsHung"] = n.IsHung,
            ["IsRegistered"] = n.IsRegistered,
            ["IsDraining"] = n.IsDraining,
            ["TaskCap"] = n.TaskCap,
            ["Version"] = n.Version,
            ["LastSeen"] = n.LastSeen,
        };
    }
}
