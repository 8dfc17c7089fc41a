using System;
using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Emulator.State
{
    /// <summary>
    /// Everything the emulated cluster knows, behind one lock (<see cref="Gate"/>): the node table, the shared
    /// task queue, and the rules that move them on. Every member expects the caller to hold the lock, so a
    /// request handler can read a consistent picture in one go.
    /// </summary>
    internal sealed class ClusterState
    {
        private long _nextTaskNumber = 1;

        public ClusterState(EmulatorOptions options)
        {
            Options = options;
        }

        public object Gate { get; } = new object();
        public EmulatorOptions Options { get; }
        public List<NodeRecord> Nodes { get; } = new List<NodeRecord>();
        public List<TaskRecord> Tasks { get; } = new List<TaskRecord>();

        /// <summary>Who changed node configuration through the API (Octopus writes the user's name here).</summary>
        public const string ApiUser = "emulator-admin";

        public IEnumerable<NodeRecord> RegisteredNodes => Nodes.Where(n => n.IsRegistered);

        public NodeRecord? FindRegisteredNode(string id) =>
            Nodes.FirstOrDefault(n => n.IsRegistered && string.Equals(n.Id, id, StringComparison.OrdinalIgnoreCase));

        public NodeRecord? FindNodeByName(string name) =>
            Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

        public TaskRecord? FindTask(string id) =>
            Tasks.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

        /// <summary>The node a load balancer would send a request to: the first one that is up and answering.</summary>
        public NodeRecord? ServingNode() => Nodes.FirstOrDefault(n => n.IsAlive && !n.IsHung);

        public bool IsOffline(NodeRecord node, DateTimeOffset now) => now - node.LastSeen > Options.OfflineAfter;

        public int RunningCount(NodeRecord node) =>
            Tasks.Count(t => TaskStates.IsRunning(t.State) && string.Equals(t.ServerNode, node.Id, StringComparison.OrdinalIgnoreCase));

        public TaskRecord Enqueue(string name, string description, TimeSpan runFor, DateTimeOffset now)
        {
            var task = new TaskRecord(_nextTaskNumber++, name, description, runFor, now);
            Tasks.Add(task);
            return task;
        }

        /// <summary>
        /// A node checks in: refresh LastSeen, and if its row was deleted, add it back with default settings
        /// (Octopus: "a node not present in the table adds itself").
        /// </summary>
        public void Heartbeat(NodeRecord node, DateTimeOffset now)
        {
            node.LastSeen = now;
            node.NextHeartbeat = now + Options.HeartbeatInterval;
            if (!node.IsRegistered)
            {
                node.IsRegistered = true;
                node.TaskCap = Options.DefaultTaskCap;
                node.IsDraining = false;
                node.LastModifiedOn = now;
                node.LastModifiedBy = "system";
            }
        }

        /// <summary>Cancel as Octopus does: a queued task ends at once, a running one goes through Cancelling.</summary>
        public void Cancel(TaskRecord task, DateTimeOffset now)
        {
            if (task.State == TaskStates.Queued || task.State == TaskStates.New)
            {
                Complete(task, TaskStates.Canceled, now, "The task was canceled.");
            }
            else if (task.State == TaskStates.Executing)
            {
                task.State = TaskStates.Cancelling;
                task.CancelRequestedAt = now;
                task.LastUpdatedTime = now;
            }
            // Cancelling or completed: nothing changes.
        }

        /// <summary>One scheduler step: heartbeats, then finishing work, then handing out queued tasks.</summary>
        public void Tick(DateTimeOffset now)
        {
            foreach (var node in Nodes)
                if (node.IsAlive && now >= node.NextHeartbeat) Heartbeat(node, now);

            FinishTasks(now);
            PickUpTasks(now);
        }

        private void FinishTasks(DateTimeOffset now)
        {
            foreach (var task in Tasks)
            {
                if (!TaskStates.IsRunning(task.State)) continue;
                // A dead node does nothing: its tasks stay Executing/Cancelling, as in real Octopus.
                var node = Nodes.FirstOrDefault(n => string.Equals(n.Id, task.ServerNode, StringComparison.OrdinalIgnoreCase));
                if (node == null || !node.IsAlive) continue;

                if (task.State == TaskStates.Cancelling && now - task.CancelRequestedAt >= Options.CancelDelay)
                    Complete(task, TaskStates.Canceled, now, "The task was canceled.");
                else if (task.State == TaskStates.Executing && now - task.StartTime >= task.RunFor)
                    Complete(task, TaskStates.Success, now, null);
            }
        }

        /// <summary>
        /// FIFO queue shared by all nodes. Nodes take turns one task at a time so work spreads out,
        /// each only while its Executing+Cancelling count is under its cap (cap 0 takes nothing).
        /// </summary>
        private void PickUpTasks(DateTimeOffset now)
        {
            var queue = new Queue<TaskRecord>(Tasks.Where(t => t.State == TaskStates.Queued).OrderBy(t => t.Number));
            if (queue.Count == 0) return;

            var eligible = Nodes.Where(n => n.IsAlive && n.IsRegistered && !n.IsDraining).ToList();
            var running = eligible.ToDictionary(n => n, RunningCount);
            bool tookAny = true;
            while (queue.Count > 0 && tookAny)
            {
                tookAny = false;
                foreach (var node in eligible)
                {
                    if (queue.Count == 0) break;
                    if (running[node] >= node.TaskCap) continue;
                    var task = queue.Dequeue();
                    task.State = TaskStates.Executing;
                    task.ServerNode = node.Id;
                    task.StartTime = now;
                    task.LastUpdatedTime = now;
                    running[node]++;
                    tookAny = true;
                }
            }
        }

        private static void Complete(TaskRecord task, string state, DateTimeOffset now, string? error)
        {
            task.State = state;
            task.CompletedTime = now;
            task.LastUpdatedTime = now;
            task.ErrorMessage = error;
        }
    }
}
