using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using OctoHa.Processes;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// The one engine call behind each polling-Tentacle cmdlet and its CLI twin: show the trusted servers, register
    /// the missing nodes (config edit or poll-server), prune entries, and restart the Tentacle when asked.
    /// </summary>
    public static class PollingTentacles
    {
        /// <summary>Get-OctoHaPollingTentacle: every trusted server, and with nodes given, which of them are missing.</summary>
        public static IReadOnlyList<PollingTentacleServer> Show(PollingTentacleQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            var (path, instance) = Locate(query);
            var config = TentacleConfig.Load(path);
            var nodes = query.Nodes.Count == 0 ? null : TentacleNodes.Resolve(query.Nodes, null, TentacleAddress.DefaultPort);
            var result = new List<PollingTentacleServer>();
            foreach (var s in config.TrustedServers)
            {
                string status = nodes == null ? PollingTentacleServer.Trusted
                    : !s.IsPolling ? PollingTentacleServer.NotPolling
                    : s.ParsedAddress != null && nodes.Contains(s.ParsedAddress) ? PollingTentacleServer.Polled
                    : PollingTentacleServer.Extra;
                result.Add(new PollingTentacleServer(config.Path, instance, s.Address, s.Thumbprint, s.CommunicationStyleName, s.SubscriptionId, status));
            }
            bool listeningOnly = config.TrustedServers.Count > 0 && !config.TrustedServers.Any(s => s.IsPolling);
            if (nodes != null && !listeningOnly) // the nodes connect to a listening Tentacle: none is missing
            {
                var polled = new HashSet<TentacleAddress>(config.TrustedServers.Where(s => s.IsPolling && s.ParsedAddress != null).Select(s => s.ParsedAddress!));
                foreach (var node in nodes.Where(n => !polled.Contains(n)))
                {
                    result.Add(new PollingTentacleServer(config.Path, instance, node.ToString(), null, null, null, PollingTentacleServer.Missing));
                }
            }
            return result;
        }

        /// <summary>Register-OctoHaPollingTentacle: one polling entry per node the Tentacle does not poll yet.</summary>
        public static PollingTentacleChange Register(PollingRegisterRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var obs = observer ?? NullObserver.Instance;
            var (path, instance) = Locate(request);
            var nodes = TentacleNodes.Resolve(request.Nodes, request.UniquePortHost, request.FirstPort);
            if (request.Method == RegistrationMethod.PollServer && request.Connection == null)
                throw new OctoHaException("ServerConnectionMissing", OctoHaErrorKind.InvalidArgument,
                    "The PollServer method runs `Tentacle poll-server`, which calls the Octopus API: give the server URL and an API key " +
                    "(Connect-OctoHaServer or -Connection; --server with OCTOPUS_API_KEY or --api-key-file in the CLI).");
            string exe = TentacleBinary(request);
            CheckCanRestart(request, exe);

            PollingTentacleChange change = request.Method == RegistrationMethod.PollServer
                ? RunPollServer(request, path, instance, nodes, exe, obs, ct)
                : EditConfig(request, path, instance, nodes, obs, ct);
            FinishChange(request, change, exe, obs, ct);
            return change;
        }

        /// <summary>Unregister-OctoHaPollingTentacle: remove entries by address, or keep only the given ones.</summary>
        public static PollingTentacleChange Unregister(PollingUnregisterRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var obs = observer ?? NullObserver.Instance;
            if ((request.Remove == null) == (request.Keep == null))
                throw new OctoHaException("InvalidPruneRequest", OctoHaErrorKind.InvalidArgument,
                    "Give either the addresses to remove or the addresses to keep, not both and not neither.");
            var (path, instance) = Locate(request);
            var given = (request.Remove ?? request.Keep)!;
            if (given.Count == 0)
                throw new OctoHaException("NoAddressesGiven", OctoHaErrorKind.InvalidArgument,
                    "No addresses were given. Name the entries to remove (or, to keep only some, the ones to keep) as https://host:port.");
            var addresses = given.Select(TentacleAddress.Parse).Distinct().ToList();
            string exe = TentacleBinary(request);
            CheckCanRestart(request, exe);

            TentacleEditResult result;
            try
            {
                result = TentacleConfigEditor.Prune(new TentaclePruneRequest
                {
                    ConfigPath = path,
                    Remove = request.Remove == null ? null : addresses,
                    Keep = request.Keep == null ? null : addresses,
                    Force = request.Force,
                    LockTimeout = request.LockTimeout,
                    BeforeReplace = request.BeforeReplace,
                }, obs, ct);
            }
            catch (OctoHaException ex) when (ex.ErrorId == "WouldRemoveAllServers" && request.Keep != null)
            {
                throw new OctoHaException(ex.ErrorId, ex.Kind,
                    $"None of the addresses to keep ({string.Join(", ", addresses)}) is a polling entry of '{path}', so pruning would remove every polling entry " +
                    "and the Tentacle would poll no server at all. For the move to one load-balanced address, register that address first " +
                    "(Register-OctoHaPollingTentacle, octoha tentacle register), then keep it. Nothing was changed.", path, ex);
            }
            var change = new PollingTentacleChange(result.Plan.ConfigPath, instance, "Prune")
            {
                Removed = result.Written ? result.Plan.Removed.Select(s => s.Address ?? s.Thumbprint).ToList() : new List<string>(),
                Polling = PolledAddresses(result.Written ? result.Plan.Servers : result.Plan.Servers.Concat(result.Plan.Removed)),
                Unmatched = result.Plan.Unmatched.Select(a => a.ToString()).ToList(),
                Changed = result.Written,
                BackupPath = result.BackupPath,
            };
            foreach (string address in change.Unmatched)
            {
                obs.Warning(request.Keep != null
                    ? $"{address} is not among the trusted servers of '{path}', so there is no entry to keep for it. For the move to one load-balanced address, add it first with Register-OctoHaPollingTentacle (octoha tentacle register)."
                    : $"{address} is not among the trusted servers of '{path}'; there was nothing to remove for it.");
            }
            FinishChange(request, change, exe, obs, ct);
            return change;
        }

        private static PollingTentacleChange EditConfig(PollingRegisterRequest request, string path, string? instance,
            IReadOnlyList<TentacleAddress> nodes, IOperationObserver obs, CancellationToken ct)
        {
            var result = TentacleConfigEditor.Register(new TentacleRegisterRequest
            {
                ConfigPath = path,
                Nodes = nodes.ToList(),
                Thumbprint = request.Thumbprint,
                LockTimeout = request.LockTimeout,
                BeforeReplace = request.BeforeReplace,
            }, obs, ct);
            return new PollingTentacleChange(result.Plan.ConfigPath, instance, nameof(RegistrationMethod.ConfigFile))
            {
                Added = result.Written ? result.Plan.Added.Select(s => s.Address!).ToList() : new List<string>(),
                Polling = PolledAddresses(result.Written ? result.Plan.Servers : result.Plan.Servers.Except(result.Plan.Added)),
                Changed = result.Written,
                BackupPath = result.BackupPath,
            };
        }

        private static PollingTentacleChange RunPollServer(PollingRegisterRequest request, string path, string? instance,
            IReadOnlyList<TentacleAddress> nodes, string exe, IOperationObserver obs, CancellationToken ct)
        {
            var config = TentacleConfig.Load(path);
            var commands = PollServerPlanner.Plan(config, new PollServerRequest
            {
                Instance = instance,
                ConfigPath = config.Path,
                ServerUrl = request.Connection!.ServerUrl.ToString(),
                ApiKey = request.Connection.ApiKey.Reveal(),
                Nodes = nodes.ToList(),
                UniquePort = request.UniquePortHost != null,
                Thumbprint = request.Thumbprint,
                TentaclePath = exe,
            });
            var change = new PollingTentacleChange(config.Path, instance, nameof(RegistrationMethod.PollServer));
            if (commands.Count == 0) obs.Verbose($"'{config.Path}' already polls every node given; nothing to run.");
            var added = new List<string>();
            var ran = new List<string>();
            foreach (var command in commands)
            {
                ct.ThrowIfCancellationRequested();
                if (!obs.ShouldProcess(config.Path, "Run " + command.Render())) continue;
                obs.Verbose("Running " + command.Render());
                var outcome = CommandRunner.Run(command, request.CommandTimeout, ct);
                if (!outcome.Succeeded)
                    throw new OctoHaException("PollServerFailed", OctoHaErrorKind.InvalidOperation,
                        $"`{command.Render()}` failed with exit code {outcome.ExitCode}: {outcome.Tail()}. " +
                        (added.Count == 0 ? "No node was added. " : $"Added before it failed: {string.Join(", ", added)}. ") +
                        "Fix the cause and run the same command again: nodes already polled are skipped.", config.Path);
                added.Add(command.Node.ToString());
                ran.Add(command.Render());
            }
            change.Added = added;
            change.Commands = ran;
            change.Changed = added.Count > 0;
            try
            {
                change.Polling = PolledAddresses(TentacleConfig.Load(config.Path).TrustedServers);
            }
            catch (OctoHaException ex)
            {
                obs.Warning($"After poll-server, '{config.Path}' could not be read back ({ex.Message}).");
            }
            return change;
        }

        // After a change: restart the Tentacle when asked, else say that it must be restarted.
        private static void FinishChange(TentacleChangeRequest request, PollingTentacleChange change, string exe, IOperationObserver obs, CancellationToken ct)
        {
            if (!change.Changed) return;
            var restart = RestartCommand(exe, change.Instance, change.ConfigPath);
            if (!request.Restart)
            {
                obs.Warning($"Tentacle reads its trusted servers only when it starts. Restart it so it polls the new list: {restart.Render()}");
                return;
            }
            string target = change.Instance ?? change.ConfigPath;
            if (!obs.ShouldProcess(target, "Restart the Tentacle service")) return;
            obs.Verbose("Running " + restart.Render());
            var outcome = CommandRunner.Run(restart, request.CommandTimeout, ct);
            if (!outcome.Succeeded)
                throw new OctoHaException("TentacleRestartFailed", OctoHaErrorKind.InvalidOperation,
                    $"The trusted servers of '{change.ConfigPath}' were changed" + (change.BackupPath != null ? $" (backup '{change.BackupPath}')" : "") +
                    $", but restarting the Tentacle failed with exit code {outcome.ExitCode}: {outcome.Tail()}. Restart it yourself: {restart.Render()}",
                    target);
            change.Restarted = true;
        }

        private static ExternalCommand RestartCommand(string exe, string? instance, string configPath) =>
            new ExternalCommand(exe, instance != null
                ? new[] { "service", "--restart", "--instance", instance }
                : new[] { "service", "--restart", "--config", configPath });

        // Refused before anything changes: a restart that cannot happen must not leave a half-done job behind.
        private static void CheckCanRestart(TentacleChangeRequest request, string exe)
        {
            if (!request.Restart) return;
            bool hasServiceManager = (request.ServiceManagerProbe ?? HasServiceManager)();
            if (!hasServiceManager)
                throw new OctoHaException("NoServiceManager", OctoHaErrorKind.InvalidOperation,
                    "There is no service manager here (no Windows services, no systemd: a container?), so the Tentacle service cannot be restarted. " +
                    "Run without the restart option, then restart the Tentacle process (or its container) yourself. Nothing was changed.");
        }

        private static bool HasServiceManager() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX)
            || Directory.Exists("/run/systemd/system");

        // The binary is only needed for poll-server and restarts; a rooted path that is not there fails before any change.
        private static string TentacleBinary(TentacleChangeRequest request)
        {
            string exe = string.IsNullOrWhiteSpace(request.TentaclePath) ? PollServerPlanner.DefaultTentaclePath() : request.TentaclePath!;
            bool needed = request.Restart || (request is PollingRegisterRequest r && r.Method == RegistrationMethod.PollServer);
            if (needed && Path.IsPathRooted(exe) && !File.Exists(exe))
                throw new OctoHaException("TentacleNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"The Tentacle program '{exe}' does not exist. Give its path (-TentaclePath, --tentacle-path). Nothing was changed.", exe);
            return exe;
        }

        private static IReadOnlyList<string> PolledAddresses(IEnumerable<TrustedServer> servers) =>
            servers.Where(s => s.IsPolling && s.Address != null).Select(s => s.Address!).ToList();

        /// <summary>The config path to read, and the instance name to give Tentacle's own commands (null when unknown).</summary>
        internal static (string Path, string? Instance) Locate(TentacleTarget target)
        {
            if (!string.IsNullOrWhiteSpace(target.ConfigPath) && !string.IsNullOrWhiteSpace(target.Instance))
                throw new OctoHaException("ConfigPathAndInstance", OctoHaErrorKind.InvalidArgument,
                    "Give the config path or the instance (-ConfigPath or -Instance; --config or --instance), not both: the instance is looked up " +
                    "in Tentacle's instance index, which names the config path itself.", target.Instance);
            if (!string.IsNullOrWhiteSpace(target.ConfigPath))
            {
                string full = Path.GetFullPath(target.ConfigPath!);
                string? instance = !string.IsNullOrWhiteSpace(target.Instance) ? target.Instance!.Trim() : TentacleInstances.FindInstanceOf(full, target.InstanceHome);
                return (full, instance);
            }
            string name = string.IsNullOrWhiteSpace(target.Instance) ? TentacleTarget.DefaultInstance : target.Instance!.Trim();
            return (Path.GetFullPath(TentacleInstances.ConfigPathOf(name, target.InstanceHome)), name);
        }
    }
}
