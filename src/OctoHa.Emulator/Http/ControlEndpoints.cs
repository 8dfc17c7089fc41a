using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OctoHa.Emulator.Json;

namespace OctoHa.Emulator.Http
{
    /// <summary>
    /// /emulator/...: the emulator's own controls for scripts and Pester (queue tasks, kill nodes, inject faults).
    /// Octopus Server has nothing like these; they exist so rehearsals can stage failures.
    /// </summary>
    internal static class ControlEndpoints
    {
        public static async Task<Reply> HandleAsync(ApiRequest request)
        {
            var s = request.Segments; // s[0] is "emulator"
            if (s.Length == 1)
                return request.IsGet ? Reply.Ok(request.Cluster.DescribeJson()) : NotAllowed(request);

            if (s.Length == 2 && ApiRequest.Is(s[1], "tasks"))
                return request.Method == HttpMethods.Post ? await QueueTasksAsync(request).ConfigureAwait(false) : NotAllowed(request);

            if (s.Length == 2 && ApiRequest.Is(s[1], "faults"))
            {
                if (request.Method == HttpMethods.Post) return await AddFaultAsync(request).ConfigureAwait(false);
                if (request.Method == HttpMethods.Delete)
                {
                    request.Cluster.Faults.Clear();
                    return Reply.Ok(new JsonObject());
                }
                return NotAllowed(request);
            }

            if (s.Length == 4 && ApiRequest.Is(s[1], "nodes"))
                return request.Method == HttpMethods.Post ? await NodeActionAsync(request, s[2], s[3]).ConfigureAwait(false) : NotAllowed(request);

            return Reply.NotFound(request.Path);
        }

        /// <summary>Body { Name, Description, DurationSeconds, Count }; answers with the created TaskResources.</summary>
        private static async Task<Reply> QueueTasksAsync(ApiRequest request)
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request.Context.Request, request.Aborted, emptyIsObject: true).ConfigureAwait(false);
            if (body == null) return Reply.BadRequest(error!);
            var root = body.Value;

            var name = JsonBody.GetString(root, "Name") ?? "Deploy";
            var description = JsonBody.GetString(root, "Description");
            if (!JsonBody.TryGetDouble(root, "DurationSeconds", 60, out var seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                return Reply.BadRequest("DurationSeconds must be a number of zero or more.");
            if (!JsonBody.TryGetInt(root, "Count", 1, out var count) || count < 1 || count > 10000)
                return Reply.BadRequest("Count must be a whole number from 1 to 10000.");

            var created = new JsonArray();
            for (int i = 0; i < count; i++)
            {
                var task = request.Cluster.QueueTask(TimeSpan.FromSeconds(seconds), name, description);
                created.Add(request.Cluster.TaskJsonOf(task));
            }
            return Reply.Ok(created);
        }

        /// <summary>Body { Kind: Status|Drop|Delay, Count, StatusCode, DelayMilliseconds, PathPrefix }.</summary>
        private static async Task<Reply> AddFaultAsync(ApiRequest request)
        {
            var (body, error) = await JsonBody.ReadObjectAsync(request.Context.Request, request.Aborted).ConfigureAwait(false);
            if (body == null) return Reply.BadRequest(error!);
            var root = body.Value;

            var kind = JsonBody.GetString(root, "Kind") ?? "";
            var prefix = JsonBody.GetString(root, "PathPrefix") ?? "/api";
            if (!JsonBody.TryGetInt(root, "StatusCode", 500, out var status)) return Reply.BadRequest("StatusCode must be a whole number.");
            if (!JsonBody.TryGetDouble(root, "DelayMilliseconds", 0, out var delayMs) || delayMs < 0) return Reply.BadRequest("DelayMilliseconds must be zero or more.");
            bool isDelay = ApiRequest.Is(kind, "Delay");
            if (!JsonBody.TryGetInt(root, "Count", isDelay ? int.MaxValue : 1, out var count)) return Reply.BadRequest("Count must be a whole number.");

            try
            {
                if (ApiRequest.Is(kind, "Status")) request.Cluster.Faults.FailNext(count, status, prefix);
                else if (ApiRequest.Is(kind, "Drop")) request.Cluster.Faults.DropNext(count, prefix);
                else if (isDelay) request.Cluster.Faults.Delay(TimeSpan.FromMilliseconds(delayMs), count, prefix);
                else return Reply.BadRequest("Kind must be Status, Drop or Delay.");
            }
            catch (ArgumentException e)
            {
                return Reply.BadRequest(e.Message);
            }

            return Reply.Ok(new JsonObject
            {
                ["Kind"] = kind,
                ["Count"] = count,
                ["StatusCode"] = status,
                ["DelayMilliseconds"] = delayMs,
                ["PathPrefix"] = prefix,
            });
        }

        private static async Task<Reply> NodeActionAsync(ApiRequest request, string name, string action)
        {
            EmulatedNode node;
            try
            {
                node = request.Cluster.Node(name);
            }
            catch (ArgumentException)
            {
                return Reply.NotFound(name);
            }

            if (ApiRequest.Is(action, "kill")) await node.KillAsync().ConfigureAwait(false);
            else if (ApiRequest.Is(action, "revive")) await node.ReviveAsync().ConfigureAwait(false);
            else if (ApiRequest.Is(action, "hang")) node.Hang(true);
            else if (ApiRequest.Is(action, "unhang")) node.Hang(false);
            else return Reply.NotFound(request.Path);

            return Reply.Ok(request.Cluster.NodeJsonOf(node));
        }

        private static Reply NotAllowed(ApiRequest request) => Reply.MethodNotAllowed(request.Method, request.Path);
    }
}
