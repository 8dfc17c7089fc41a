using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OctoHa.Emulator.Json;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Http
{
    /// <summary>/api/octopusservernodes and below (facts section a).</summary>
    internal static class NodeEndpoints
    {
        private const string Template = "/api/octopusservernodes{/id}{?skip,take,ids,partialName}";

        public static async Task<Reply> HandleAsync(ApiRequest request, string[] rest)
        {
            if (rest.Length == 0) return request.IsGet ? List(request) : NotAllowed(request);

            if (rest.Length == 1)
            {
                if (ApiRequest.Is(rest[0], "all")) return request.IsGet ? All(request) : NotAllowed(request);
                if (ApiRequest.Is(rest[0], "summary")) return request.IsGet ? Summary(request) : NotAllowed(request);
                if (ApiRequest.Is(rest[0], "ping")) return request.IsGet ? RootEndpoints.Ping(request) : NotAllowed(request);

                if (request.IsGet) return Get(request, rest[0]);
                if (request.Method == HttpMethods.Put) return await PutAsync(request, rest[0]).ConfigureAwait(false);
                if (request.Method == HttpMethods.Delete) return Delete(request, rest[0]);
                return NotAllowed(request);
            }

            if (rest.Length == 2 && ApiRequest.Is(rest[1], "details"))
                return request.IsGet ? Details(request, rest[0]) : NotAllowed(request);

            return Reply.NotFound(request.Path);
        }

        private static Reply List(ApiRequest request)
        {
            if (!request.TryQueryInt("skip", 0, out var skip, out var error) || !request.TryQueryInt("take", 30, out var take, out error))
                return Reply.BadRequest(error!);
            take = Math.Min(take, request.State.Options.MaxPageSize); // the cap is the point: clients must page

            var partialName = request.Query("partialName");
            var ids = request.QueryList("ids");
            lock (request.State.Gate)
            {
                var matches = request.State.RegisteredNodes
                    .Where(n => string.IsNullOrEmpty(partialName) || n.Name.Contains(partialName, StringComparison.OrdinalIgnoreCase))
                    .Where(n => ids.Count == 0 || ids.Contains(n.Id, StringComparer.OrdinalIgnoreCase))
                    .ToList();
                var page = matches.Skip(skip).Take(take).Select(n => (JsonNode)NodeJson.Resource(n)).ToList();
                return Reply.Ok(CollectionJson.Create("OctopusServerNode", page, matches.Count, skip, take,
                    "/api/octopusservernodes", Template, request.CarriedFilters()));
            }
        }

        private static Reply All(ApiRequest request)
        {
            lock (request.State.Gate)
            {
                var array = new JsonArray();
                foreach (var n in request.State.RegisteredNodes) array.Add(NodeJson.Resource(n));
                return Reply.Ok(array);
            }
        }

        private static Reply Summary(ApiRequest request)
        {
            var now = DateTimeOffset.UtcNow;
            lock (request.State.Gate)
            {
                var nodes = new JsonArray();
                foreach (var n in request.State.RegisteredNodes)
                    nodes.Add(NodeJson.SummaryItem(n, request.State.RunningCount(n), request.State.IsOffline(n, now)));
                return Reply.Ok(new JsonObject
                {
                    ["Nodes"] = nodes,
                    ["Links"] = new JsonObject { ["Self"] = "/api/octopusservernodes/summary" },
                });
            }
        }

        private static Reply Get(ApiRequest request, string id)
        {
            lock (request.State.Gate)
            {
                var node = request.State.FindRegisteredNode(id);
                return node == null ? Reply.NotFound(id) : Reply.Ok(NodeJson.Resource(node));
            }
        }

        private static Reply Details(ApiRequest request, string id)
        {
            lock (request.State.Gate)
            {
                var node = request.State.FindRegisteredNode(id);
                return node == null ? Reply.NotFound(id) : Reply.Ok(NodeJson.Details(node, request.State.RunningCount(node)));
            }
        }

        /// <summary>
        /// Only MaxConcurrentTasks and IsInMaintenanceMode are writable; Name and unknown fields are ignored,
        /// and a writable field left out keeps its current value.
        /// </summary>
        private static async Task<Reply> PutAsync(ApiRequest request, string id)
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request.Context.Request, request.Aborted).ConfigureAwait(false);
            if (body == null) return Reply.BadRequest(error!);
            var root = body.Value;

            var bodyId = JsonBody.GetString(root, "Id");
            if (string.IsNullOrEmpty(bodyId)) return Reply.BadRequest("The Id property is required.");
            if (!string.Equals(bodyId, id, StringComparison.OrdinalIgnoreCase))
                return Reply.BadRequest("The Id in the body ('" + bodyId + "') does not match the Id in the URL ('" + id + "').");

            lock (request.State.Gate)
            {
                var node = request.State.FindRegisteredNode(id);
                if (node == null) return Reply.NotFound(id);

                var errors = new List<string>();
                if (!JsonBody.TryGetInt(root, "MaxConcurrentTasks", node.TaskCap, out var cap))
                    errors.Add("MaxConcurrentTasks must be a whole number.");
                else if (cap < 0)
                    errors.Add("MaxConcurrentTasks must be zero or greater.");
                if (!JsonBody.TryGetBool(root, "IsInMaintenanceMode", node.IsDraining, out var draining))
                    errors.Add("IsInMaintenanceMode must be true or false.");
                if (errors.Count > 0) return Reply.BadRequest(errors.ToArray());

                node.TaskCap = cap;
                node.IsDraining = draining;
                node.LastModifiedOn = DateTimeOffset.UtcNow;
                node.LastModifiedBy = ClusterState.ApiUser;
                return Reply.Ok(NodeJson.Resource(node));
            }
        }

        /// <summary>Removes the node's row. If the node is still alive it adds itself back at its next heartbeat.</summary>
        private static Reply Delete(ApiRequest request, string id)
        {
            lock (request.State.Gate)
            {
                var node = request.State.FindRegisteredNode(id);
                if (node == null) return Reply.NotFound(id);
                node.IsRegistered = false;
                return Reply.Ok(new JsonObject());
            }
        }

        private static Reply NotAllowed(ApiRequest request) => Reply.MethodNotAllowed(request.Method, request.Path);
    }
}
