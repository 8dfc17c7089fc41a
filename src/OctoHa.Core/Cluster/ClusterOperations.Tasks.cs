using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Cluster
{
    public sealed partial class ClusterOperations
    {
        /// <summary>Tasks Executing or Cancelling on a node, across all spaces and including system tasks.</summary>
        internal async Task<IReadOnlyList<ServerTaskInfo>> RunningTasksAsync(string nodeId, CancellationToken ct)
        {
            string path = $"api/tasks?node={Uri.EscapeDataString(nodeId)}&states=Executing,Cancelling&spaces=all&includeSystem=true&take=100";
            var items = await _api.GetAllPagesAsync(path, ct).ConfigureAwait(false);
            // Filter again locally: a server that ignores a filter must not make us wait for other nodes' tasks.
            return items.Select(ToTask)
                .Where(t => (t.State == "Executing" || t.State == "Cancelling") && (t.ServerNode == null || string.Equals(t.ServerNode, nodeId, StringComparison.OrdinalIgnoreCase)))
                .ToList();
        }

        private async Task<ServerTaskInfo> CancelTaskAsync(ServerTaskInfo task, CancellationToken ct)
        {
            _observer.Verbose($"Cancelling {task}");
            JsonElement after = await _api.PostAsync($"api/tasks/{Uri.EscapeDataString(task.Id)}/cancel", null, ct).ConfigureAwait(false);
            return after.ValueKind == JsonValueKind.Object ? ToTask(after) : task;
        }

        private static ServerTaskInfo ToTask(JsonElement t) => new ServerTaskInfo
        {
            Id = Json.String(t, "Id") ?? "",
            Name = Json.String(t, "Name") ?? "",
            Description = Json.String(t, "Description") ?? "",
            State = Json.String(t, "State") ?? "",
            ServerNode = Json.String(t, "ServerNode"),
            StartTime = Json.Date(t, "StartTime"),
        };
    }
}
