using System;
using System.Text.Json.Nodes;

namespace OctoHa.Emulator.Json
{
    /// <summary>GET /api: the unauthenticated root document with the version of the node that answered.</summary>
    internal static class RootJson
    {
        public static JsonObject Create(string version, Guid installationId) => new JsonObject
        {
            ["Application"] = "Octopus Deploy",
            ["Version"] = version,
            ["ApiVersion"] = "3.0.0",
            ["InstallationId"] = installationId.ToString(),
            ["Links"] = new JsonObject
            {
                ["Self"] = "/api",
                ["OctopusServerNodes"] = "/api/octopusservernodes{/id}{?skip,take,ids,partialName}",
                ["OctopusServerClusterSummary"] = "/api/octopusservernodes/summary",
                ["Tasks"] = "/api/tasks{/id}{?skip,take,node,states,active,running,spaces,includeSystem}",
            },
        };
    }
}
