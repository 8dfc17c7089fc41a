using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using OctoHa.Cli.Output;
using OctoHa.Tentacle;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha tentacle ...`: the twins of Get-, Register- and Unregister-OctoHaPollingTentacle.</summary>
    internal static class TentacleCommands
    {
        public static Command Build(CliContext context)
        {
            var tentacle = new Command("tentacle", "Make polling Tentacles poll every node of the cluster (Tentacle.config or poll-server).");
            tentacle.Subcommands.Add(Show(context));
            tentacle.Subcommands.Add(Register(context));
            tentacle.Subcommands.Add(Prune(context));
            return tentacle;
        }

        /// <summary>--config or --instance, and --tentacle-path / --restart for the verbs that change a Tentacle.</summary>
        private sealed class TargetOptions
        {
            public Option<string?> Config { get; } = new Option<string?>("--config") { Description = "The Tentacle.config to read or change." };
            public Option<string?> Instance { get; } = new Option<string?>("--instance") { Description = "The Tentacle instance, found in Tentacle's instance index (default: Tentacle)." };
            public Option<bool> Restart { get; } = new Option<bool>("--restart") { Description = "Restart the Tentacle service after a change (Tentacle service --restart)." };
            public Option<string?> TentaclePath { get; } = new Option<string?>("--tentacle-path") { Description = $"The Tentacle program (default {PollServerPlanner.LinuxTentaclePath}, or {PollServerPlanner.WindowsTentaclePath} on Windows)." };
            public Option<bool> WhatIf { get; } = new Option<bool>("--what-if") { Description = "Describe the change (and any command it would run) and make none." };

            public void AddTarget(Command command)
            {
                command.Options.Add(Config);
                command.Options.Add(Instance);
            }

            public void AddChange(Command command)
            {
                AddTarget(command);
                command.Options.Add(Restart);
                command.Options.Add(TentaclePath);
                command.Options.Add(WhatIf);
            }

            public void Fill(ParseResult parse, TentacleTarget target)
            {
                target.ConfigPath = parse.GetValue(Config);
                target.Instance = parse.GetValue(Instance);
                if (target is TentacleChangeRequest change)
                {
                    change.Restart = parse.GetValue(Restart);
                    change.TentaclePath = parse.GetValue(TentaclePath);
                }
            }
        }

        private static Option<string[]> Addresses(string name, string description, bool required = false) => new Option<string[]>(name)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = true,
            Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
            Required = required,
        };

        private static Command Show(CliContext context)
        {
            var target = new TargetOptions();
            var nodes = Addresses("--node", "Node names or comms addresses (host, host:port, https://host:port): each is reported Polled or Missing.");
            var output = Outputs.CreateOption();
            var command = new Command("show", "A Tentacle's trusted servers, and which of the given nodes it does not poll.") { nodes, output };
            target.AddTarget(command);
            command.SetAction(parse =>
            {
                var query = new PollingTentacleQuery { Nodes = parse.GetValue(nodes) ?? Array.Empty<string>() };
                target.Fill(parse, query);
                var servers = PollingTentacles.Show(query);
                if (parse.GetValue(output) == OutputFormat.Json) Outputs.WriteJson(context.Out, servers);
                else TableWriter.Write(context.Out, servers,
                    ("Status", s => s.Status), ("Address", s => s.Address), ("CommunicationStyle", s => s.CommunicationStyle),
                    ("Thumbprint", s => s.Thumbprint), ("SubscriptionId", s => s.SubscriptionId));
                return ExitCodes.Success;
            });
            return command;
        }

        private static Command Register(CliContext context)
        {
            var target = new TargetOptions();
            var cluster = new ClusterOptions();
            var nodes = Addresses("--node", "The nodes to poll: names or comms addresses (host, host:port, https://host:port). With --unique-port only their number counts.", required: true);
            var uniquePort = new Option<bool>("--unique-port") { Description = "Reach every node through one host (--host) on its own port: --first-port, the next port, ..." };
            var host = new Option<string?>("--host") { Description = "The one host of --unique-port (the load balancer)." };
            var firstPort = new Option<int>("--first-port") { Description = "The first node's port with --unique-port (default 10943).", DefaultValueFactory = _ => TentacleAddress.DefaultPort };
            var method = new Option<string>("--method") { Description = "config: edit Tentacle.config (the default); poll-server: run `Tentacle poll-server` per missing node.", DefaultValueFactory = _ => "config" };
            method.AcceptOnlyFromAmong("config", "poll-server");
            var thumbprint = new Option<string?>("--thumbprint") { Description = "The cluster's certificate thumbprint, when the Tentacle polls servers with several." };
            var command = new Command("register", "Add one polling entry per node the Tentacle does not poll yet; entries already there stay untouched.")
            {
                nodes, uniquePort, host, firstPort, method, thumbprint,
            };
            target.AddChange(command);
            cluster.AddTo(command);
            command.SetAction((parse, ct) =>
            {
                var request = new PollingRegisterRequest
                {
                    Nodes = parse.GetValue(nodes) ?? Array.Empty<string>(),
                    UniquePortHost = TentacleNodes.UniquePortHost(parse.GetValue(uniquePort), parse.GetValue(host)),
                    FirstPort = parse.GetValue(firstPort),
                    Method = parse.GetValue(method) == "poll-server" ? RegistrationMethod.PollServer : RegistrationMethod.ConfigFile,
                    Thumbprint = parse.GetValue(thumbprint),
                };
                target.Fill(parse, request);
                if (request.Method == RegistrationMethod.PollServer) request.Connection = cluster.Connection(parse);
                var change = PollingTentacles.Register(request, Observer(context, cluster, target, parse), ct);
                return System.Threading.Tasks.Task.FromResult(Print(context, cluster.Json(parse), parse.GetValue(target.WhatIf), change));
            });
            return command;
        }

        private static Command Prune(CliContext context)
        {
            var target = new TargetOptions();
            var remove = Addresses("--remove", "Remove the entries with these addresses (retired nodes).");
            var keep = Addresses("--keep", "Keep only these polling addresses, removing every other polling entry (as `Tentacle clear-trusted-servers --keep`).");
            var force = new Option<bool>("--force") { Description = "Allow removing the last polling entry." };
            var output = Outputs.CreateOption();
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };
            var command = new Command("prune", "Remove the trusted-server entries of retired nodes, or keep only a load-balanced address (Redis multi-node polling).")
            {
                remove, keep, force, output, verbose,
            };
            target.AddChange(command);
            command.Validators.Add(result =>
            {
                if ((result.GetResult(remove) == null) == (result.GetResult(keep) == null))
                    result.AddError("Give --remove ADDRESS... or --keep ADDRESS..., one of the two.");
            });
            command.SetAction((parse, ct) =>
            {
                var request = new PollingUnregisterRequest { Force = parse.GetValue(force) };
                if (parse.GetResult(keep) != null) request.Keep = parse.GetValue(keep) ?? Array.Empty<string>();
                else request.Remove = parse.GetValue(remove) ?? Array.Empty<string>();
                target.Fill(parse, request);
                bool json = parse.GetValue(output) == OutputFormat.Json;
                bool whatIf = parse.GetValue(target.WhatIf);
                var observer = new CliObserver(context.Error, parse.GetValue(verbose), whatIf, json ? context.Error : context.Out);
                var change = PollingTentacles.Unregister(request, observer, ct);
                return System.Threading.Tasks.Task.FromResult(Print(context, json, whatIf, change));
            });
            return command;
        }

        private static CliObserver Observer(CliContext context, ClusterOptions cluster, TargetOptions target, ParseResult parse) =>
            new CliObserver(context.Error, parse.GetValue(cluster.Verbose), parse.GetValue(target.WhatIf), cluster.Json(parse) ? context.Error : context.Out);

        private static int Print(CliContext context, bool json, bool whatIf, PollingTentacleChange change)
        {
            if (json)
            {
                Outputs.WriteJson(context.Out, change);
                return ExitCodes.Success;
            }
            if (whatIf) return ExitCodes.Success; // the "What if:" lines were the output
            TextWriter o = context.Out;
            o.WriteLine($"Config:     {change.ConfigPath}" + (change.Instance != null ? $" (instance {change.Instance})" : ""));
            o.WriteLine($"Method:     {change.Method}");
            if (change.Added.Count > 0) o.WriteLine($"Added:      {string.Join(", ", change.Added)}");
            if (change.Removed.Count > 0) o.WriteLine($"Removed:    {string.Join(", ", change.Removed)}");
            if (change.Unmatched.Count > 0) o.WriteLine($"Unmatched:  {string.Join(", ", change.Unmatched)}");
            o.WriteLine($"Polling:    {(change.Polling.Count == 0 ? "(none)" : string.Join(", ", change.Polling))}");
            o.WriteLine($"Changed:    {(change.Changed ? "yes" : "no, it was already so")}");
            if (change.BackupPath != null) o.WriteLine($"Backup:     {change.BackupPath}");
            if (change.Changed) o.WriteLine($"Restarted:  {(change.Restarted ? "yes" : "no - restart the Tentacle so it polls the new list")}");
            return ExitCodes.Success;
        }
    }
}
