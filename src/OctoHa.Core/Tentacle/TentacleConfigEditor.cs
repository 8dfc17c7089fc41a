using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// Register-OctoHaPollingTentacle's ConfigFile method: edits the trusted servers of a Tentacle.config directly.
    /// The Plan methods are pure (for -WhatIf and show); Register and Prune re-read the file under a lock and plan again
    /// there, so two edits at once both land.
    /// </summary>
    public static class TentacleConfigEditor
    {
        public static TentacleEditPlan PlanRegister(TentacleConfig config, IEnumerable<TentacleAddress> nodes, string? thumbprint = null)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            var registration = config.GetPollingRegistration(thumbprint);
            var added = new List<TrustedServer>();
            var polled = new HashSet<TentacleAddress>(registration.Addresses);
            foreach (var node in nodes ?? throw new ArgumentNullException(nameof(nodes)))
            {
                if (!polled.Add(node)) continue;
                added.Add(new TrustedServer(registration.Thumbprint, CommunicationStyles.TentacleActive, node.ToString(),
                    registration.SubscriptionId, registration.Squid));
            }
            return new TentacleEditPlan(config.Path, added, Array.Empty<TrustedServer>(),
                config.TrustedServers.Concat(added).ToList(), Array.Empty<TentacleAddress>());
        }

        public static TentacleEditPlan PlanPrune(TentacleConfig config, TentaclePruneRequest request)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (request == null) throw new ArgumentNullException(nameof(request));
            if ((request.Remove == null) == (request.Keep == null))
                throw new OctoHaException("InvalidPruneRequest", OctoHaErrorKind.InvalidArgument,
                    "Give either the addresses to remove or the addresses to keep, not both and not neither.");

            bool keepMode = request.Keep != null;
            var given = (request.Keep ?? request.Remove)!;
            var removed = new List<TrustedServer>();
            var kept = new List<TrustedServer>();
            foreach (var s in config.TrustedServers)
            {
                var a = s.ParsedAddress;
                bool listed = a != null && given.Contains(a);
                bool remove = keepMode ? s.CommunicationStyle == CommunicationStyles.TentacleActive && !listed : listed;
                (remove ? removed : kept).Add(s);
            }
            var unmatched = given.Where(g => !config.TrustedServers.Any(s => g.Equals(s.ParsedAddress))).Distinct().ToList();

            if (!request.Force && config.TrustedServers.Any(s => s.IsPolling) && !kept.Any(s => s.IsPolling))
                throw new OctoHaException("WouldRemoveAllServers", OctoHaErrorKind.InvalidOperation,
                    $"Pruning '{config.Path}' would remove every polling entry, and the Tentacle would then poll no server at all. " +
                    "Keep at least one node's address, or use the force option (-Force, --force) if that is really what you want.", config.Path);
            return new TentacleEditPlan(config.Path, Array.Empty<TrustedServer>(), removed, kept, unmatched);
        }

        public static TentacleEditResult Register(TentacleRegisterRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            return Edit(request.ConfigPath, request.LockTimeout, request.BeforeReplace, observer, ct,
                config => PlanRegister(config, request.Nodes, request.Thumbprint),
                plan => $"Add {plan.Added.Count} polling entr{(plan.Added.Count == 1 ? "y" : "ies")} ({string.Join(", ", plan.Added.Select(a => a.Address))})");
        }

        public static TentacleEditResult Prune(TentaclePruneRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            return Edit(request.ConfigPath, request.LockTimeout, request.BeforeReplace, observer, ct,
                config => PlanPrune(config, request),
                plan => $"Remove {plan.Removed.Count} trusted server entr{(plan.Removed.Count == 1 ? "y" : "ies")} ({string.Join(", ", plan.Removed.Select(a => a.Address ?? a.Thumbprint))})");
        }

        private static TentacleEditResult Edit(string configPath, TimeSpan lockTimeout, Action<string>? beforeReplace, IOperationObserver? observer,
            CancellationToken ct, Func<TentacleConfig, TentacleEditPlan> plan, Func<TentacleEditPlan, string> describe)
        {
            var obs = observer ?? NullObserver.Instance;
            // Plan and ask outside the lock: a missing or broken file, a no-op or -WhatIf leaves nothing beside the config.
            var first = TentacleConfig.Load(configPath);
            string full = first.Path;
            var asked = plan(first);
            if (asked.IsNoOp)
            {
                obs.Verbose($"'{full}' already has the requested trusted servers; nothing to change.");
                return new TentacleEditResult(asked, false, null);
            }
            if (!obs.ShouldProcess(full, describe(asked))) return new TentacleEditResult(asked, false, null);
            using (ConfigFileWriter.AcquireLock(full, lockTimeout, ct))
            {
                int leftovers = ConfigFileWriter.RemoveLeftovers(full);
                if (leftovers > 0) obs.Verbose($"Removed {leftovers} temp file(s) left beside '{full}' by an edit that did not finish.");
                // Planned again under the lock: an edit that landed meanwhile is kept, and only what is still missing is added.
                var config = TentacleConfig.Load(full);
                var p = plan(config);
                if (p.IsNoOp)
                {
                    obs.Verbose($"'{full}' was changed meanwhile and already has the requested trusted servers; nothing to change.");
                    return new TentacleEditResult(p, false, null);
                }
                string backup = ConfigFileWriter.Replace(full, config.WithTrustedServers(p.Servers), beforeReplace);
                obs.Verbose($"Wrote '{full}' (backup '{Path.GetFileName(backup)}').");
                return new TentacleEditResult(p, true, backup);
            }
        }
    }
}
