using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Database;
using OctoHa.Processes;

namespace OctoHa.Nodes
{
    /// <summary>
    /// Add-OctoHaNode / `octoha node add`: preflight, then the Octopus.Server sequence that makes this host a new
    /// node of an existing HA cluster (with task cap 0 by default), or with Container the container's environment.
    /// </summary>
    public static class NodeSetup
    {
        public static async Task<NodeSetupResult> AddAsync(NodeSetupRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var obs = observer ?? NullObserver.Instance;
            Validate(request);
            bool windows = request.IsWindows ?? NodeSetupPlan.HostIsWindows;
            string exe = string.IsNullOrWhiteSpace(request.ServerPath) ? OctopusServerProgram.DefaultPath(windows) : request.ServerPath!.Trim();
            var result = new NodeSetupResult { Instance = request.Instance, NodeName = request.NodeName, TaskCap = request.TaskCap };

            if (request.Container)
            {
                var masker = new ExternalCommand(exe, Array.Empty<string>(), Secrets(request));
                result.Preflight = await Preflight(request, exe, masker, obs, ct).ConfigureAwait(false);
                var variables = ContainerEnvironment.Build(request);
                result.ContainerFormat = request.ContainerFormat.ToString();
                result.ContainerEnvironment = variables;
                result.ContainerText = ContainerEnvironment.Render(request, variables);
                result.NextSteps = ContainerEnvironment.NextSteps(request);
                return result;
            }

            var plan = NodeSetupPlan.Build(request, exe);
            result.ServerPath = exe;
            result.Steps = plan.Select((p, i) => new NodeSetupStep(i + 1, p.Name, p.Command.Render())).ToList();
            result.Preflight = await Checks(request, exe, plan[0].Command, obs, ct).ConfigureAwait(false);
            result.NextSteps = NextSteps(request);
            var failed = result.Preflight.Where(c => c.Status == CheckStatus.Fail).ToList();

            // One question for the whole sequence: a half-added node is worse than none. The text is the plan itself,
            // shown even when a check failed (a -WhatIf preview is still worth having); only a real run stops there.
            string target = $"Octopus Server instance {request.Instance} (node {request.NodeName}) on {Environment.MachineName}";
            string description = Describe(request, result.Steps);
            if (failed.Count > 0)
                description = $"PREFLIGHT FAILED ({string.Join(", ", failed.Select(c => c.Check))}): these commands will not run until that is fixed." + Environment.NewLine + description;
            if (!obs.ShouldProcess(target, description))
            {
                result.WhatIf = true;
                return result;
            }
            if (failed.Count > 0) throw PreflightFailed(request, failed);
            Run(request, plan, result.Steps, obs, ct);
            result.Completed = true;
            foreach (string next in result.NextSteps) obs.Warning(next);
            return result;
        }

        // The container path has no ShouldProcess: a failed check stops it at once.
        private static async Task<IReadOnlyList<CheckResult>> Preflight(NodeSetupRequest r, string exe, ExternalCommand masker, IOperationObserver obs, CancellationToken ct)
        {
            var checks = await Checks(r, exe, masker, obs, ct).ConfigureAwait(false);
            var failed = checks.Where(c => c.Status == CheckStatus.Fail).ToList();
            if (failed.Count > 0) throw PreflightFailed(r, failed);
            return checks;
        }

        private static OctoHaException PreflightFailed(NodeSetupRequest r, IReadOnlyList<CheckResult> failed) =>
            new OctoHaException("PreflightFailed", OctoHaErrorKind.InvalidOperation,
                $"Node {r.NodeName} was not added: {failed.Count} preflight check(s) failed. " + string.Join(" ", failed.Select(c => $"[{c.Check}] {c.Reason}")) +
                " Nothing was run or changed. Fix these and run the same command again.", r.NodeName);

        private static async Task<IReadOnlyList<CheckResult>> Checks(NodeSetupRequest r, string exe, ExternalCommand masker, IOperationObserver obs, CancellationToken ct)
        {
            obs.Progress(new OperationProgress("Add-OctoHaNode", "Preflight checks"));
            var checks = await NodePreflight.RunAsync(r, exe, masker, obs, ct).ConfigureAwait(false);
            obs.Progress(new OperationProgress("Add-OctoHaNode", "Preflight checks", completed: true));
            foreach (var c in checks)
            {
                if (c.Status == CheckStatus.Pass) obs.Verbose("Preflight " + c);
                else obs.Warning("Preflight " + c);
            }
            return checks;
        }

        private static void Run(NodeSetupRequest r, IReadOnlyList<PlannedStep> plan, IReadOnlyList<NodeSetupStep> steps, IOperationObserver obs, CancellationToken ct)
        {
            for (int i = 0; i < plan.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var command = plan[i].Command;
                obs.Progress(new OperationProgress("Add-OctoHaNode", $"Step {i + 1} of {plan.Count}: {plan[i].Name}", i * 100 / plan.Count));
                obs.Verbose($"Running step {i + 1} of {plan.Count}: {command.Render()}");
                string? failure = null;
                try
                {
                    var outcome = CommandRunner.Run(command, r.CommandTimeout, ct);
                    if (!outcome.Succeeded) failure = $"exited with code {outcome.ExitCode}" + (outcome.Tail().Length > 0 ? ": " + outcome.Tail() : "");
                }
                catch (OctoHaException ex) when (ex.ErrorId == "CommandNotFound" || ex.ErrorId == "CommandTimedOut")
                {
                    failure = $"{ex.ErrorId}: {command.Mask(ex.Message)}";
                }
                catch (OperationCanceledException)
                {
                    failure = "was cancelled";
                }
                if (failure == null)
                {
                    steps[i].Status = NodeSetupStepStatus.Done;
                    continue;
                }
                steps[i].Status = NodeSetupStepStatus.Failed;
                for (int j = i + 1; j < steps.Count; j++) steps[j].Status = NodeSetupStepStatus.Skipped;
                throw StepFailed(r, plan, steps, i, failure);
            }
            obs.Progress(new OperationProgress("Add-OctoHaNode", "Done", 100, completed: true));
        }

        private static OctoHaException StepFailed(NodeSetupRequest r, IReadOnlyList<PlannedStep> plan, IReadOnlyList<NodeSetupStep> steps, int failed, string failure)
        {
            string nl = Environment.NewLine;
            string done = failed == 0 ? "none" : string.Join(nl, steps.Take(failed).Select(s => "  " + s));
            // The failed step may have done part of its work (a service installed but not started), so it is undone too.
            var undo = NodeSetupPlan.UndoFor(plan.Take(failed + 1));
            string message =
                $"Step {failed + 1} of {steps.Count} ({plan[failed].Name}) failed: `{steps[failed].Command}` {failure}{nl}" +
                $"Steps done before it:{(failed == 0 ? " none." : nl + done)}{nl}" +
                (failed + 1 < steps.Count ? $"Not run: steps {failed + 2}-{steps.Count}." : "Not run: none.") + nl +
                "Fix the cause, then either run the remaining steps by hand (as -WhatIf prints them), or undo what was done and run Add-OctoHaNode again. " +
                "To undo, in this order:" + nl + string.Join(nl, undo.Select(u => "  " + u));
            return new OctoHaException("NodeSetupStepFailed", OctoHaErrorKind.InvalidOperation, message, r.NodeName);
        }

        private static string Describe(NodeSetupRequest r, IReadOnlyList<NodeSetupStep> steps)
        {
            string nl = Environment.NewLine;
            return $"Add node {r.NodeName} to the cluster with task cap {r.TaskCap}, by running these {steps.Count} commands in order:" + nl +
                   string.Join(nl, steps.Select(s => "  " + s)) + nl +
                   "(the password and master key read ********; the node stays out of the load balancer until you add it)";
        }

        private static IReadOnlyList<string> NextSteps(NodeSetupRequest r)
        {
            var next = new List<string>
            {
                $"Check the node: Get-OctoHaNode -Name {r.NodeName} (octoha node list {r.NodeName}); ping its own address (Test-OctoHaNode).",
                "Add the node to the load balancer once it answers its ping endpoint.",
                "Make every polling Tentacle poll the new node: Get-OctoHaNode | Register-OctoHaPollingTentacle (octoha tentacle register).",
            };
            if (r.TaskCap == 0)
                next.Add($"The node runs no tasks (task cap 0): raise it when ready with Set-OctoHaTaskCap -Name {r.NodeName} -TaskCap 5 (octoha node set-task-cap {r.NodeName} 5).");
            return next;
        }

        private static IEnumerable<string> Secrets(NodeSetupRequest r)
        {
            var s = new List<string>();
            if (!string.IsNullOrEmpty(r.MasterKey)) s.Add(r.MasterKey!);
            if (!string.IsNullOrEmpty(r.ConnectionString)) s.AddRange(SqlConnectionString.SecretsOf(r.ConnectionString));
            return s;
        }

        // Bad input changes nothing: everything is checked before the preflight and the first command.
        private static void Validate(NodeSetupRequest r)
        {
            r.Instance = string.IsNullOrWhiteSpace(r.Instance) ? OctopusServerProgram.DefaultInstance : r.Instance.Trim();
            r.NodeName = (r.NodeName ?? "").Trim();
            if (r.NodeName.Length == 0)
                throw Bad("NodeNameMissing", "No node name was given. Give the name the new node has in the cluster (by default Octopus uses the machine name).", "NodeName");
            if (r.NodeName.IndexOfAny(new[] { '"', '\'', '\r', '\n' }) >= 0)
                throw Bad("InvalidNodeName", $"The node name '{r.NodeName}' contains a quote or line break; give a plain name such as OCTO4.", "NodeName");
            if (r.TaskCap < 0)
                throw Bad("InvalidTaskCap", $"A task cap cannot be negative ({r.TaskCap} was given). Use 0 (the default: a node that runs no tasks yet) or a positive number.", "TaskCap");
            if (r.Container)
            {
                if (r.ContainerFormat == ContainerFormat.Kubernetes && string.IsNullOrWhiteSpace(r.SecretName))
                    throw Bad("SecretNameMissing", "Kubernetes output needs the name of the secret that holds DB_CONNECTION_STRING and MASTER_KEY.", "SecretName");
                return;
            }
            if (string.IsNullOrWhiteSpace(r.ConnectionString))
                throw Bad("ConnectionStringMissing", "No database connection string was given. Give the one the other nodes use, e.g. Server=sql01;Database=Octopus;User ID=octo;Password=...", "ConnectionString");
            SqlConnectionString.Parse(r.ConnectionString); // InvalidConnectionString, without echoing it
            if (string.IsNullOrWhiteSpace(r.MasterKey))
                throw Bad("MasterKeyMissing", "No master key was given. Every node of a cluster needs the cluster's master key: on an existing node, Octopus Manager > View master key, or `Octopus.Server show-master-key`.", "MasterKey");
            if (string.IsNullOrWhiteSpace(r.SharedStorage))
                throw Bad("SharedStorageMissing", "No shared storage root was given. Give the root every node uses (e.g. \\\\fileserver\\OctopusShared); path --clusterShared stores it for the whole cluster.", "SharedStorage");
            if (string.IsNullOrWhiteSpace(r.WebListenPrefix))
                throw Bad("WebListenPrefixMissing", "No web listen prefix was given. Give the address this node serves the web portal on, e.g. http://localhost:80/ or https://octo4.example.com/.", "WebListenPrefix");
            foreach (string prefix in r.WebListenPrefix!.Split(','))
            {
                if (!Uri.TryCreate(prefix.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw Bad("InvalidWebListenPrefix", $"'{prefix.Trim()}' is not a web listen prefix. Give http:// or https:// addresses, e.g. https://octo4.example.com/, several separated by commas.", "WebListenPrefix");
            }
            if (r.CommsPort < 1 || r.CommsPort > 65535)
                throw Bad("InvalidCommsPort", $"The comms port must be 1-65535 ({r.CommsPort} was given); polling Tentacles use 10943 by default.", "CommsPort");
        }

        private static OctoHaException Bad(string id, string message, string target) => new OctoHaException(id, OctoHaErrorKind.InvalidArgument, message, target);
    }
}
