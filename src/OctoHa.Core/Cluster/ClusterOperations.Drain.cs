using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Cluster
{
    public sealed partial class ClusterOperations
    {
        /// <summary>
        /// Invoke-OctoHaDrain / `octoha node drain`: sets the node's drain flag, and with Wait polls until it has no
        /// Executing or Cancelling task. On timeout it cancels what is left when asked, and otherwise fails listing it.
        /// </summary>
        public async Task<DrainResult> DrainAsync(DrainRequest request, CancellationToken ct)
        {
            if (request.Timeout <= TimeSpan.Zero)
                throw new OctoHaException("InvalidTimeout", OctoHaErrorKind.InvalidArgument, $"The drain timeout must be more than 0 seconds ({request.Timeout.TotalSeconds} was given).", "Timeout");
            if (request.PollInterval <= TimeSpan.Zero)
                throw new OctoHaException("InvalidPollInterval", OctoHaErrorKind.InvalidArgument, $"The poll interval must be more than 0 seconds ({request.PollInterval.TotalSeconds} was given).", "PollInterval");

            if (!request.Wait && request.WaitOptionsGiven)
                _observer.Warning("The timeout, poll interval and cancel-remaining-tasks options only apply with -Wait (--wait); they were ignored.");

            var (node, summary) = await ResolveAsync(request.Name, ct).ConfigureAwait(false);
            var result = new DrainResult { Name = node.Name, Id = node.Id, AlreadyDraining = node.Draining, Draining = node.Draining };
            if (node.Draining)
            {
                _observer.Verbose($"Node {node.Name} is already draining; its drain flag is left as it is.");
                // Waiting changes nothing, but under -WhatIf it must not block either.
                if (request.Wait && !_observer.ShouldProcess($"Octopus node {node.Name}", $"Wait up to {request.Timeout.TotalSeconds:0} s for its running tasks (it is already draining)"))
                {
                    result.WhatIf = true;
                    result.Message = $"What if: would wait for the running tasks of {node.Name}, which is already draining.";
                    return result;
                }
            }
            else
            {
                string action = "Drain: stop picking up new tasks" +
                    (request.Wait ? $", then wait up to {request.Timeout.TotalSeconds:0} s for its running tasks" : "") +
                    (request.Wait && request.CancelRemainingTasks ? ", and cancel any still running then" : "");
                if (!_observer.ShouldProcess($"Octopus node {node.Name}", action))
                {
                    result.WhatIf = true;
                    result.Message = $"What if: would drain {node.Name}.";
                    return result;
                }
                await UpdateNodeAsync(node, summary, body => body["IsInMaintenanceMode"] = true, ct).ConfigureAwait(false);
                result.Draining = true;
            }

            if (!request.Wait)
            {
                result.Message = result.AlreadyDraining ? $"Node {node.Name} was already draining; nothing to do." : $"Node {node.Name} is draining.";
                return result;
            }

            result.Waited = true;
            var clock = Stopwatch.StartNew();
            IReadOnlyList<ServerTaskInfo> running = await WaitForTasksAsync(node, request, clock, ct).ConfigureAwait(false);
            result.Elapsed = clock.Elapsed;
            _observer.Progress(new OperationProgress(DrainActivity(node), "Done", 100, completed: true));
            if (running.Count == 0)
            {
                result.Message = $"Node {node.Name} is drained: no tasks running ({result.Elapsed.TotalSeconds:0} s).";
                return result;
            }

            result.TimedOut = true;
            result.RemainingTasks = running;
            if (!request.CancelRemainingTasks)
                throw new OctoHaException("DrainTimedOut", OctoHaErrorKind.OperationTimeout,
                    $"Node {node.Name} still has {running.Count} running task(s) after {request.Timeout.TotalSeconds:0} s: {Describe(running)}. " +
                    "It stays draining. Wait longer (-Timeout / --timeout), cancel them (-CancelRemainingTasks / --cancel-remaining-tasks), or see them on the Tasks page.",
                    node.Name);

            var cancelled = new List<ServerTaskInfo>();
            foreach (ServerTaskInfo task in running)
            {
                if (!_observer.ShouldProcess($"task {task.Id} on node {node.Name}", $"Cancel {task}")) continue;
                var after = await CancelTaskAsync(task, ct).ConfigureAwait(false);
                cancelled.Add(after);
            }
            result.CancelledTasks = cancelled;
            result.RemainingTasks = await WaitForCancellationAsync(node, request, ct).ConfigureAwait(false);
            result.Message = $"Node {node.Name} is draining; {cancelled.Count} task(s) still running after {request.Timeout.TotalSeconds:0} s were cancelled" +
                (result.RemainingTasks.Count == 0 ? " and have stopped." : $"; {result.RemainingTasks.Count} still cancelling.");
            return result;
        }

        private async Task<IReadOnlyList<ServerTaskInfo>> WaitForTasksAsync(ClusterNode node, DrainRequest request, Stopwatch clock, CancellationToken ct)
        {
            int? first = null;
            bool warnedOffline = false;
            while (true)
            {
                var running = await RunningTasksAsync(node.Id, ct).ConfigureAwait(false);
                if (running.Count == 0) return running;
                first ??= running.Count;
                int percent = (int)Math.Min(99, 100.0 * (first.Value - Math.Min(first.Value, running.Count)) / first.Value);
                _observer.Progress(new OperationProgress(DrainActivity(node),
                    $"{running.Count} task(s) still running: {Describe(running, 3)}", percent));

                if (!warnedOffline)
                {
                    var now = (await GetNodesAsync(new NodeQuery { Names = new[] { node.Name } }, ct).ConfigureAwait(false)).Nodes.FirstOrDefault();
                    if (now != null && now.State == NodeState.Offline)
                    {
                        warnedOffline = true;
                        _observer.Warning($"Node {node.Name} has stopped checking in. Its tasks will look Executing until another node marks them cancelled (after about an hour); waiting will not finish them.");
                    }
                }

                TimeSpan left = request.Timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) return running;
                await Task.Delay(left < request.PollInterval ? left : request.PollInterval, ct).ConfigureAwait(false);
            }
        }

        // Cancelled tasks pass through Cancelling; wait (bounded) until they end, so removing the node right after works.
        private async Task<IReadOnlyList<ServerTaskInfo>> WaitForCancellationAsync(ClusterNode node, DrainRequest request, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var running = await RunningTasksAsync(node.Id, ct).ConfigureAwait(false);
                if (running.Count == 0) return running;
                _observer.Progress(new OperationProgress(DrainActivity(node), $"{running.Count} cancelled task(s) still cancelling: {Describe(running, 3)}"));
                TimeSpan left = DrainRequest.CancelSettleTimeout - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    _observer.Warning($"{running.Count} task(s) on {node.Name} were cancelled but are still cancelling after {DrainRequest.CancelSettleTimeout.TotalSeconds:0} s: {Describe(running)}.");
                    return running;
                }
                await Task.Delay(left < request.PollInterval ? left : request.PollInterval, ct).ConfigureAwait(false);
            }
        }

        private static string DrainActivity(ClusterNode node) => $"Draining {node.Name}";
    }
}
