using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OctoHa.Emulator.Json;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Http
{
    /// <summary>/api/tasks, /api/{spaceId}/tasks and /api/spaces/{space}/tasks (facts section b). Every task is in Spaces-1.</summary>
    internal static class TaskEndpoints
    {
        private const string Template = "/api/tasks{/id}{?skip,take,node,states,active,running,spaces,includeSystem}";
        private const string OnlySpace = "Spaces-1";

        /// <param name="rest">Segments after "tasks".</param>
        /// <param name="space">The space in the route, or null for the cross-space route.</param>
        public static Reply Handle(ApiRequest request, string[] rest, string? space)
        {
            // The emulator has one space; "default" is what Octopus calls its slug.
            if (space != null && !ApiRequest.Is(space, OnlySpace) && !ApiRequest.Is(space, "default"))
                return Reply.NotFound(space);

            if (rest.Length == 0) return request.IsGet ? List(request) : NotAllowed(request);
            if (rest.Length == 1) return request.IsGet ? Get(request, rest[0]) : NotAllowed(request);
            if (rest.Length == 2 && ApiRequest.Is(rest[1], "cancel"))
                return request.Method == HttpMethods.Post ? Cancel(request, rest[0]) : NotAllowed(request);
            return Reply.NotFound(request.Path);
        }

        private static Reply List(ApiRequest request)
        {
            if (!request.TryQueryInt("skip", 0, out var skip, out var error) || !request.TryQueryInt("take", 30, out var take, out error))
                return Reply.BadRequest(error!);
            take = Math.Min(take, request.State.Options.MaxPageSize);

            var states = request.QueryList("states");
            var unknown = states.Where(s => TaskStates.Normalize(s) == null).ToList();
            if (unknown.Count > 0)
                return Reply.BadRequest("Unknown task state(s): " + string.Join(", ", unknown) + ". Use New, Queued, Executing, Cancelling, Success, Failed, Canceled or TimedOut.");
            var wantedStates = states.Select(s => TaskStates.Normalize(s)!).ToList();

            var now = DateTimeOffset.UtcNow;
            lock (request.State.Gate)
            {
                // TotalCounts counts by state over every filter except the state ones, so a UI can show the tabs.
                var scoped = request.State.Tasks.Where(t => MatchesScope(request, t)).ToList();
                var matches = scoped
                    .Where(t => wantedStates.Count == 0 || wantedStates.Contains(t.State))
                    .Where(t => !request.QueryTrue("active") || TaskStates.IsActive(t.State))
                    .Where(t => !request.QueryTrue("running") || TaskStates.IsRunning(t.State))
                    .OrderByDescending(t => t.Number) // newest first
                    .ToList();

                var page = matches.Skip(skip).Take(take).Select(t => (JsonNode)TaskJson.Resource(t, now)).ToList();
                var collection = CollectionJson.Create("ServerTask", page, matches.Count, skip, take,
                    "/" + string.Join("/", request.Segments), Template, request.CarriedFilters());
                var counts = new JsonObject();
                foreach (var state in TaskStates.Reported) counts[state] = scoped.Count(t => t.State == state);
                collection["TotalCounts"] = counts;
                return Reply.Ok(collection);
            }
        }

        /// <summary>The non-state filters: ids, node, name, partialName (on the description), spaces.</summary>
        private static bool MatchesScope(ApiRequest request, TaskRecord t)
        {
            var ids = request.QueryList("ids");
            if (ids.Count > 0 && !ids.Contains(t.Id, StringComparer.OrdinalIgnoreCase)) return false;

            var node = request.Query("node");
            if (!string.IsNullOrEmpty(node) && !string.Equals(t.ServerNode, node, StringComparison.OrdinalIgnoreCase)) return false;

            var name = request.Query("name");
            if (!string.IsNullOrEmpty(name) && !string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) return false;

            var partialName = request.Query("partialName");
            if (!string.IsNullOrEmpty(partialName) && !t.Description.Contains(partialName, StringComparison.OrdinalIgnoreCase)) return false;

            var spaces = request.QueryList("spaces");
            if (spaces.Count > 0 && !spaces.Any(s => ApiRequest.Is(s, "all") || ApiRequest.Is(s, t.SpaceId))) return false;

            return true; // includeSystem is accepted; there are no system tasks outside the space
        }

        private static Reply Get(ApiRequest request, string id)
        {
            lock (request.State.Gate)
            {
                var task = request.State.FindTask(id);
                return task == null ? Reply.NotFound(id) : Reply.Ok(TaskJson.Resource(task, DateTimeOffset.UtcNow));
            }
        }

        /// <summary>Queued ends Canceled at once; Executing goes to Cancelling (the scheduler finishes it); completed stays as it is.</summary>
        private static Reply Cancel(ApiRequest request, string id)
        {
            var now = DateTimeOffset.UtcNow;
            lock (request.State.Gate)
            {
                var task = request.State.FindTask(id);
                if (task == null) return Reply.NotFound(id);
                request.State.Cancel(task, now);
                return Reply.Ok(TaskJson.Resource(task, now));
            }
        }

        private static Reply NotAllowed(ApiRequest request) => Reply.MethodNotAllowed(request.Method, request.Path);
    }
}
