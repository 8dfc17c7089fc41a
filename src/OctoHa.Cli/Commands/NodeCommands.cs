using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cli.Output;
using OctoHa.Cluster;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha node ...`: the twins of Get-OctoHaNode, Set-OctoHaTaskCap, Invoke-OctoHaDrain, Resume-OctoHaNode, Remove-OctoHaNode and Test-OctoHaNode.</summary>
    internal static class NodeCommands
    {
        public static Command Build(CliContext context)
        {
            var node = new Command("node", "See and change the nodes of an Octopus HA cluster.");
            node.Subcommands.Add(List(context));
            node.Subcommands.Add(SetTaskCap(context));
            node.Subcommands.Add(Drain(context));
            node.Subcommands.Add(Resume(context));
            node.Subcommands.Add(Remove(context));
            node.Subcommands.Add(Ping(context));
            node.Subcommands.Add(NodeAddCommand.Build(context));
            return node;
        }

        private static Option<bool> WhatIf() => new Option<bool>("--what-if") { Description = "Describe the change and make none." };

        private static Command List(CliContext context)
        {
            var options = new ClusterOptions();
            var names = new Argument<string[]>("NAME") { Description = "Node names; wildcards allowed. All nodes when none.", Arity = ArgumentArity.ZeroOrMore };
            var offlineAfter = new Option<int>("--offline-after-seconds")
            {
                Description = "A node last seen longer ago than this counts as Offline (default 300).",
                DefaultValueFactory = _ => (int)NodeQuery.DefaultOfflineAfter.TotalSeconds,
            };
            var command = new Command("list", "Every node with task cap, drain state, last seen, running tasks, version and state.") { names, offlineAfter };
            options.AddTo(command);
            command.SetAction(async (parse, ct) =>
            {
                int seconds = parse.GetValue(offlineAfter);
                if (seconds <= 0) throw new OctoHaException("InvalidOfflineThreshold", OctoHaErrorKind.InvalidArgument, $"--offline-after-seconds must be more than 0 ({seconds} was given).", "--offline-after-seconds");
                using var ops = new ClusterOperations(options.Connection(parse), Observer(context, options, parse));
                var result = await ops.GetNodesAsync(new NodeQuery { Names = parse.GetValue(names) ?? Array.Empty<string>(), OfflineAfter = TimeSpan.FromSeconds(seconds) }, ct);
                if (options.Json(parse)) Outputs.WriteJson(context.Out, result.Nodes);
                else TableWriter.Write(context.Out, result.Nodes,
                    ("Name", n => n.Name), ("State", n => n.State), ("TaskCap", n => n.TaskCap), ("Draining", n => n.Draining),
                    ("RunningTasks", n => n.RunningTasks), ("LastSeen", n => n.LastSeen), ("Version", n => n.Version));
                foreach (string missing in result.Unmatched)
                {
                    context.Error.WriteLine($"octoha: NodeNotFound: There is no node named '{missing}'. Known nodes: {string.Join(", ", result.All.Select(n => n.Name))}.");
                }
                return result.Unmatched.Count == 0 ? ExitCodes.Success : ExitCodes.Failed;
            });
            return command;
        }

        private static Command SetTaskCap(CliContext context)
        {
            var options = new ClusterOptions();
            var name = new Argument<string>("NAME") { Description = "The node's name." };
            var cap = new Argument<int>("TASKCAP") { Description = "The task cap: 0 for a UI-only node; the HA guide finds 40-80 a reasonable maximum." };
            var whatIf = WhatIf();
            var command = new Command("set-task-cap", "Set a node's task cap (how many tasks it runs at once).") { name, cap, whatIf };
            options.AddTo(command);
            command.SetAction((parse, ct) => Change(context, options, parse, whatIf, ops => ops.SetTaskCapAsync(parse.GetValue(name)!, parse.GetValue(cap), ct)));
            return command;
        }

        private static Command Resume(CliContext context)
        {
            var options = new ClusterOptions();
            var name = new Argument<string>("NAME") { Description = "The node's name." };
            var whatIf = WhatIf();
            var command = new Command("resume", "End a node's drain so it picks up tasks again.") { name, whatIf };
            options.AddTo(command);
            command.SetAction((parse, ct) => Change(context, options, parse, whatIf, ops => ops.ResumeAsync(parse.GetValue(name)!, ct)));
            return command;
        }

        private static Command Remove(CliContext context)
        {
            var options = new ClusterOptions();
            var name = new Argument<string>("NAME") { Description = "The node's name." };
            var force = new Option<bool>("--force") { Description = "Remove it even though tasks are running on it." };
            var whatIf = WhatIf();
            var command = new Command("remove", "Delete a node from the cluster; refuses a node with running tasks unless --force.") { name, force, whatIf };
            options.AddTo(command);
            command.SetAction((parse, ct) => Change(context, options, parse, whatIf, ops => ops.RemoveAsync(parse.GetValue(name)!, parse.GetValue(force), ct)));
            return command;
        }

        private static Command Drain(CliContext context)
        {
            var options = new ClusterOptions();
            var name = new Argument<string>("NAME") { Description = "The node's name." };
            var wait = new Option<bool>("--wait") { Description = "Wait until the node has no executing or cancelling tasks." };
            var timeout = new Option<int>("--timeout") { Description = "Seconds to wait with --wait (default 600).", DefaultValueFactory = _ => (int)DrainRequest.DefaultTimeout.TotalSeconds };
            var poll = new Option<int>("--poll-interval") { Description = "Seconds between checks (default 5).", DefaultValueFactory = _ => (int)DrainRequest.DefaultPollInterval.TotalSeconds };
            var cancel = new Option<bool>("--cancel-remaining-tasks") { Description = "When the wait times out, cancel the tasks still running instead of failing." };
            var whatIf = WhatIf();
            var command = new Command("drain", "Drain a node: it finishes its tasks and picks up no new ones.") { name, wait, timeout, poll, cancel, whatIf };
            options.AddTo(command);
            command.SetAction(async (parse, ct) =>
            {
                bool json = options.Json(parse);
                using var ops = new ClusterOperations(options.Connection(parse), Observer(context, options, parse, parse.GetValue(whatIf)));
                var result = await ops.DrainAsync(new DrainRequest
                {
                    Name = parse.GetValue(name)!,
                    Wait = parse.GetValue(wait),
                    Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                    PollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
                    CancelRemainingTasks = parse.GetValue(cancel),
                    WaitOptionsGiven = new Option[] { timeout, poll, cancel }.Any(o => parse.GetResult(o) is { Implicit: false }),
                }, ct);
                if (json) Outputs.WriteJson(context.Out, result);
                else if (!result.WhatIf)
                {
                    context.Out.WriteLine(result.Message);
                    foreach (var task in result.CancelledTasks) context.Out.WriteLine($"  cancelled {task}");
                }
                return ExitCodes.Success;
            });
            return command;
        }

        private static Command Ping(CliContext context)
        {
            var urls = new Argument<string[]>("URL") { Description = "Each node's own address (not the load balancer's).", Arity = ArgumentArity.OneOrMore };
            var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for each node (default 10).", DefaultValueFactory = _ => PingRequest.DefaultTimeout.TotalSeconds };
            var skip = new Option<bool>("--skip-certificate-check") { Description = "Accept any TLS certificate (test servers only)." };
            var output = Outputs.CreateOption();
            var command = new Command("ping", "Call each node's ping endpoint at once: Online (200), Draining (418) or Offline. Exits 1 if any node is Offline.") { urls, timeout, skip, output };
            command.SetAction(async (parse, ct) =>
            {
                var results = await NodePing.PingAsync(new PingRequest
                {
                    Urls = parse.GetValue(urls) ?? Array.Empty<string>(),
                    Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                    SkipCertificateCheck = parse.GetValue(skip),
                }, new CliObserver(context.Error), ct);
                if (parse.GetValue(output) == OutputFormat.Json) Outputs.WriteJson(context.Out, results);
                else TableWriter.Write(context.Out, results,
                    ("Url", r => r.Url), ("State", r => r.State), ("Status", r => r.StatusCode), ("LatencyMs", r => r.LatencyMs),
                    ("Name", r => r.Name), ("Version", r => r.Version), ("Error", r => r.Error));
                return results.Any(r => r.State == NodeState.Offline) ? ExitCodes.Failed : ExitCodes.Success;
            });
            return command;
        }

        private static CliObserver Observer(CliContext context, ClusterOptions options, ParseResult parse, bool whatIf = false) =>
            new CliObserver(context.Error, parse.GetValue(options.Verbose), whatIf, options.Json(parse) ? context.Error : context.Out);

        private static async Task<int> Change(CliContext context, ClusterOptions options, ParseResult parse, Option<bool> whatIf, Func<ClusterOperations, Task<NodeChangeResult>> change)
        {
            using var ops = new ClusterOperations(options.Connection(parse), Observer(context, options, parse, parse.GetValue(whatIf)));
            NodeChangeResult result = await change(ops);
            if (options.Json(parse)) Outputs.WriteJson(context.Out, result);
            else if (!result.WhatIf) context.Out.WriteLine(result.Message); // under --what-if the "What if:" line already said it
            return ExitCodes.Success;
        }
    }
}
