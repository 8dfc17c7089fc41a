using System;
using System.Text.Json.Nodes;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Json
{
    /// <summary>
    /// The node payloads of facts section (a). The plain resource has no LastSeen/IsOffline/Rank (removed in 2019);
    /// those live on the summary and ping payloads only.
    /// </summary>
    internal static class NodeJson
    {
        public static string SelfLink(NodeRecord n) => "/api/octopusservernodes/" + n.Id;
        public static string DetailsLink(NodeRecord n) => SelfLink(n) + "/details";

        public static JsonObject Resource(NodeRecord n) => new JsonObject
        {
            ["Id"] = n.Id,
            ["Name"] = n.Name,
            ["MaxConcurrentTasks"] = n.TaskCap,
            ["IsInMaintenanceMode"] = n.IsDraining,
            ["LastModifiedOn"] = n.LastModifiedOn,
            ["LastModifiedBy"] = n.LastModifiedBy,
            ["Links"] = new JsonObject
            {
                ["Self"] = SelfLink(n),
                ["Details"] = DetailsLink(n),
            },
        };

        public static JsonObject Details(NodeRecord n, int runningTasks) => new JsonObject
        {
            ["Id"] = n.Id,
            ["RunningTasks"] = runningTasks,
            ["Links"] = new JsonObject { ["Self"] = DetailsLink(n), ["Node"] = SelfLink(n) },
            ["LastModifiedOn"] = n.LastModifiedOn,
            ["LastModifiedBy"] = n.LastModifiedBy,
        };

        public static JsonObject SummaryItem(NodeRecord n, int runningTasks, bool isOffline) => new JsonObject
        {
            ["Id"] = n.Id,
            ["Name"] = n.Name,
            ["MaxConcurrentTasks"] = n.TaskCap,
            ["IsInMaintenanceMode"] = n.IsDraining,
            ["IsOffline"] = isOffline,
            ["LastSeen"] = n.LastSeen,
            ["RunningTaskCount"] = runningTasks,
            ["Version"] = n.Version,
            ["MaxSqlConnectionPoolSize"] = 200,
            // Octopus derives this from the task cap but does not publish the formula; this one is made up.
            ["RecommendedMaxSqlConnectionPoolSize"] = Math.Min(200, 100 + 10 * n.TaskCap),
            ["Links"] = new JsonObject
            {
                ["Self"] = SelfLink(n),
                ["Node"] = SelfLink(n),
                ["Details"] = DetailsLink(n),
            },
            ["LastModifiedOn"] = n.LastModifiedOn,
            ["LastModifiedBy"] = n.LastModifiedBy,
        };

        public static JsonObject Ping(NodeRecord n, bool isOffline) => new JsonObject
        {
            ["Id"] = n.Id,
            ["Name"] = n.Name,
            ["LastSeen"] = n.LastSeen,
            ["IsOffline"] = isOffline,
            ["MaxConcurrentTasks"] = n.TaskCap,
            ["IsInMaintenanceMode"] = n.IsDraining,
            ["Version"] = n.Version,
            ["Links"] = new JsonObject
            {
                ["Self"] = "/api/octopusservernodes/ping",
                ["Node"] = SelfLink(n),
            },
            ["LastModifiedOn"] = n.LastModifiedOn,
            ["LastModifiedBy"] = n.LastModifiedBy,
        };
    }
}
