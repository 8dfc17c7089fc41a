using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Cluster
{
    /// <summary>
    /// The node operations of the HA guide over the Octopus REST API: list, task cap, drain and wait, resume,
    /// remove. Each public method is one front-end call; it asks the observer before any change and skips the
    /// change (reporting a no-op) when the node is already in the asked state.
    /// </summary>
    public sealed partial class ClusterOperations : IDisposable
    {
        internal const string SummaryPath = "api/octopusservernodes/summary";

        /// <summary>Two of the nodes' 60-second check-ins.</summary>
        internal static readonly TimeSpan RecentCheckIn = TimeSpan.FromMinutes(2);

        private readonly OctopusApiClient _api;
        private readonly IOperationObserver _observer;
        private readonly Func<DateTimeOffset> _now;

        public ClusterOperations(OctopusConnection connection, IOperationObserver? observer = null, Func<DateTimeOffset>? clock = null)
        {
            _observer = observer ?? NullObserver.Instance;
            _api = new OctopusApiClient(connection, _observer);
            _now = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>Checks the URL (GET /api, no key needed) and then the key (the cluster summary), and returns the checked connection.</summary>
        public static async Task<ConnectedServer> ConnectAsync(OctopusConnection connection, IOperationObserver? observer, CancellationToken ct)
        {
            using var ops = new ClusterOperations(connection, observer);
            JsonElement root = await ops._api.GetAsync("api", ct, authenticate: false).ConfigureAwait(false);
            string? version = Json.String(root, "Version");
            if (version == null && Json.Link(root, "OctopusServerNodes") == null)
                throw new OctoHaException("NotAnOctopusServer", OctoHaErrorKind.InvalidData,
                    $"{connection.ServerUrl} answered GET /api, but not as an Octopus Server does (no Version, no node links). Check the URL: give the address users browse to.",
                    connection.ServerUrl.ToString());
            ops._observer.Verbose($"{connection.ServerUrl} is Octopus Server {version}; checking the API key.");
            var nodes = await ops.ReadSummaryAsync(ct).ConfigureAwait(false);
            return new ConnectedServer(connection, version, Json.String(root, "ApiVersion"), nodes.Count);
        }

        /// <summary>Get-OctoHaNode / `octoha node list`. Names without wildcards that match nothing are reported in Unmatched.</summary>
        public async Task<NodeListResult> GetNodesAsync(NodeQuery query, CancellationToken ct)
        {
            var all = (await ReadSummaryAsync(ct).ConfigureAwait(false)).Select(n => ToNode(n, query.OfflineAfter)).OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
            if (query.Names.Count == 0) return new NodeListResult(all, Array.Empty<string>(), all);
            var matchers = query.Names.Select(p => (Pattern: p, Regex: Wildcard.ToRegex(p))).ToList();
            var selected = all.Where(n => matchers.Any(m => m.Regex.IsMatch(n.Name))).ToList();
            var unmatched = matchers.Where(m => !Wildcard.HasWildcards(m.Pattern) && !all.Any(n => m.Regex.IsMatch(n.Name))).Select(m => m.Pattern).ToList();
            return new NodeListResult(selected, unmatched, all);
        }

        /// <summary>Set-OctoHaTaskCap / `octoha node set-task-cap`.</summary>
        public async Task<NodeChangeResult> SetTaskCapAsync(string name, int taskCap, CancellationToken ct)
        {
            if (taskCap < 0)
                throw new OctoHaException("InvalidTaskCap", OctoHaErrorKind.InvalidArgument,
                    $"A task cap cannot be negative ({taskCap} was given). Use 0 for a UI-only node that runs no tasks, or a positive number.", "TaskCap");
            var (node, summary) = await ResolveAsync(name, ct).ConfigureAwait(false);
            if (node.TaskCap == taskCap)
                return Result(node, "SetTaskCap", false, $"Node {node.Name} already has task cap {taskCap}; nothing to do.");
            if (taskCap == 0)
                _observer.Warning($"Task cap 0 makes {node.Name} a UI-only node: it serves the web portal and API but picks up no tasks.");
            else if (taskCap > 160)
                _observer.Warning($"A task cap of {taskCap} is above 160, which the HA guide does not recommend: host OS, .NET or network limits are likely. Add nodes instead.");
            if (!_observer.ShouldProcess($"Octopus node {node.Name}", $"Set task cap from {node.TaskCap} to {taskCap}"))
                return Result(node, "SetTaskCap", false, $"What if: would set task cap of {node.Name} from {node.TaskCap} to {taskCap}.", whatIf: true);
            await UpdateNodeAsync(node, summary, body => body["MaxConcurrentTasks"] = taskCap, ct).ConfigureAwait(false);
            node.TaskCap = taskCap;
            return Result(node, "SetTaskCap", true, $"Set task cap of {node.Name} to {taskCap}.");
        }

        /// <summary>Resume-OctoHaNode / `octoha node resume`: ends a drain.</summary>
        public async Task<NodeChangeResult> ResumeAsync(string name, CancellationToken ct)
        {
            var (node, summary) = await ResolveAsync(name, ct).ConfigureAwait(false);
            if (!node.Draining)
                return Result(node, "Resume", false, $"Node {node.Name} is not draining; nothing to do.");
            if (!_observer.ShouldProcess($"Octopus node {node.Name}", "Resume: end the drain so the node picks up tasks again"))
                return Result(node, "Resume", false, $"What if: would end the drain of {node.Name}.", whatIf: true);
            await UpdateNodeAsync(node, summary, body => body["IsInMaintenanceMode"] = false, ct).ConfigureAwait(false);
            node.Draining = false;
            if (node.State == NodeState.Draining) node.State = NodeState.Online;
            return Result(node, "Resume", true, $"Node {node.Name} is no longer draining and picks up tasks again.");
        }

        /// <summary>Remove-OctoHaNode / `octoha node remove`: refuses a node with running tasks unless forced.</summary>
        public async Task<NodeChangeResult> RemoveAsync(string name, bool force, CancellationToken ct)
        {
            var (node, summaryNode) = await ResolveAsync(name, ct).ConfigureAwait(false);
            var running = await RunningTasksAsync(node.Id, ct).ConfigureAwait(false);
            if (running.Count > 0 && !force)
                throw new OctoHaException("NodeHasRunningTasks", OctoHaErrorKind.ResourceBusy,
                    $"Node {node.Name} is running {running.Count} task(s): {Describe(running)}. Drain it and wait first (Invoke-OctoHaDrain -Name {node.Name} -Wait), or use -Force to remove it anyway.",
                    node.Name);
            string action = running.Count > 0
                ? $"Remove from the cluster although {running.Count} task(s) are running on it"
                : "Remove from the cluster";
            if (!_observer.ShouldProcess($"Octopus node {node.Name}", action))
                return Result(node, "Remove", false, $"What if: would remove {node.Name} from the cluster.", whatIf: true);
            await _api.DeleteAsync($"api/octopusservernodes/{Uri.EscapeDataString(node.Id)}", ct).ConfigureAwait(false);
            // Nodes check in about every 60 seconds: one seen within two check-ins, and not offline by the server's
            // own judgement, may still be running and would add itself back.
            bool recentlySeen = node.LastSeen != null && _now() - node.LastSeen.Value < RecentCheckIn;
            if (Json.Bool(summaryNode, "IsOffline") != true && recentlySeen)
                _observer.Warning($"Node {node.Name} checked in {Ago(node.LastSeen)}. If its Octopus Server service is still running it will add itself back within about a minute: stop the service (or remove it again once stopped).");
            return Result(node, "Remove", true, $"Removed {node.Name} from the cluster.");
        }

        private async Task<List<JsonElement>> ReadSummaryAsync(CancellationToken ct)
        {
            JsonElement summary = await _api.GetAsync(SummaryPath, ct).ConfigureAwait(false);
            if (summary.ValueKind != JsonValueKind.Object || !summary.TryGetProperty("Nodes", out JsonElement nodes) || nodes.ValueKind != JsonValueKind.Array)
                throw new OctoHaException("UnexpectedResponse", OctoHaErrorKind.InvalidData,
                    $"GET /{SummaryPath} did not return a node list. Check that {_api.Connection.ServerUrl} is an Octopus Server 2019.1 or later.", SummaryPath);
            return nodes.EnumerateArray().Select(n => n.Clone()).ToList();
        }

        /// <summary>Finds one node by exact name (case-insensitive); an unknown name lists the known ones.</summary>
        private async Task<(ClusterNode Node, JsonElement Summary)> ResolveAsync(string name, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new OctoHaException("NodeNameMissing", OctoHaErrorKind.InvalidArgument, "No node name was given. Get-OctoHaNode (octoha node list) shows the names.", "Name");
            var summary = await ReadSummaryAsync(ct).ConfigureAwait(false);
            var match = summary.FirstOrDefault(n => string.Equals(Json.String(n, "Name"), name.Trim(), StringComparison.OrdinalIgnoreCase)
                                                   || string.Equals(Json.String(n, "Id"), name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.ValueKind == JsonValueKind.Undefined)
            {
                string known = string.Join(", ", summary.Select(n => Json.String(n, "Name")).Where(n => n != null).OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
                throw new OctoHaException("NodeNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"There is no node named '{name}' in the cluster. Known nodes: {(known.Length == 0 ? "(none)" : known)}.", name);
            }
            return (ToNode(match, NodeQuery.DefaultOfflineAfter), match);
        }

        // PUT the node's own resource back with one field changed, so every other field is kept as the server has it.
        private async Task UpdateNodeAsync(ClusterNode node, JsonElement summaryNode, Action<JsonObject> change, CancellationToken ct)
        {
            string path = Json.Link(summaryNode, "Node") ?? $"api/octopusservernodes/{Uri.EscapeDataString(node.Id)}";
            JsonElement current = await _api.GetAsync(path, ct).ConfigureAwait(false);
            var body = JsonNode.Parse(current.GetRawText()) as JsonObject
                ?? throw new OctoHaException("UnexpectedResponse", OctoHaErrorKind.InvalidData, $"GET {path} did not return a node resource.", node.Name);
            body["Id"] ??= node.Id;
            body["Name"] ??= node.Name;
            change(body);
            _observer.Verbose($"PUT {path}");
            await _api.PutAsync(path, body, ct).ConfigureAwait(false);
        }

        private ClusterNode ToNode(JsonElement n, TimeSpan offlineAfter)
        {
            DateTimeOffset? lastSeen = Json.Date(n, "LastSeen");
            bool draining = Json.Bool(n, "IsInMaintenanceMode") ?? false;
            bool offline = Json.Bool(n, "IsOffline") == true || lastSeen == null || _now() - lastSeen.Value > offlineAfter;
            return new ClusterNode
            {
                Name = Json.String(n, "Name") ?? "",
                Id = Json.String(n, "Id") ?? "",
                TaskCap = Json.Int(n, "MaxConcurrentTasks") ?? 0,
                Draining = draining,
                LastSeen = lastSeen,
                RunningTasks = Json.Int(n, "RunningTaskCount") ?? 0,
                Version = Json.String(n, "Version"),
                State = offline ? NodeState.Offline : draining ? NodeState.Draining : NodeState.Online,
            };
        }

        private static NodeChangeResult Result(ClusterNode node, string action, bool changed, string message, bool whatIf = false) => new NodeChangeResult
        {
            Name = node.Name, Id = node.Id, Action = action, Changed = changed, WhatIf = whatIf, Message = message,
            TaskCap = node.TaskCap, Draining = node.Draining, State = node.State,
        };

        private string Ago(DateTimeOffset? lastSeen) =>
            lastSeen == null ? "never" : $"{Math.Max(0, (_now() - lastSeen.Value).TotalSeconds):0} seconds ago";

        internal static string Describe(IReadOnlyList<ServerTaskInfo> tasks, int max = 10) =>
            string.Join("; ", tasks.Take(max).Select(t => t.ToString())) + (tasks.Count > max ? $"; and {tasks.Count - max} more" : "");

        public void Dispose() => _api.Dispose();
    }

    /// <summary>The nodes that matched, the names that matched nothing, and every node (for "known nodes" messages).</summary>
    public sealed class NodeListResult
    {
        public NodeListResult(IReadOnlyList<ClusterNode> nodes, IReadOnlyList<string> unmatched, IReadOnlyList<ClusterNode> all)
        {
            Nodes = nodes;
            Unmatched = unmatched;
            All = all;
        }

        public IReadOnlyList<ClusterNode> Nodes { get; }
        public IReadOnlyList<string> Unmatched { get; }
        public IReadOnlyList<ClusterNode> All { get; }
    }
}
