using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cli.Output;
using OctoHa.Emulator;

namespace OctoHa.Cli.Commands
{
    /// <summary>
    /// `octoha emulator start`: an emulated Octopus HA cluster on loopback, to rehearse runbooks and scripts. It is a
    /// stand-in built from Octopus's documented API, not Octopus Server.
    /// </summary>
    internal static class EmulatorCommands
    {
        public static Command Build(CliContext context)
        {
            var emulator = new Command("emulator", "An emulated Octopus HA cluster on loopback (a stand-in for rehearsals and tests, not Octopus Server).");
            emulator.Subcommands.Add(Start(context));
            emulator.Subcommands.Add(Demo(context));
            return emulator;
        }

        private static Command Demo(CliContext context)
        {
            var nodes = new Option<int>("--nodes") { Description = "How many nodes (default 3).", DefaultValueFactory = _ => 3 };
            var command = new Command("demo", "Rehearse node maintenance (list, drain and wait, ping, resume, task cap) on an emulated cluster.") { nodes };
            command.SetAction((parse, ct) =>
            {
                int count = parse.GetValue(nodes);
                if (count < 2 || count > 16) throw new OctoHaException("InvalidNodeCount", OctoHaErrorKind.InvalidArgument, $"--nodes must be between 2 and 16 for the demo ({count} was given).", "--nodes");
                return EmulatorDemo.RunAsync(context, count, ct);
            });
            return command;
        }

        private static Command Start(CliContext context)
        {
            var nodes = new Option<int>("--nodes") { Description = "How many nodes (default 3).", DefaultValueFactory = _ => 3 };
            var port = new Option<int>("--port") { Description = "The API port, as behind a load balancer (default: a free port)." };
            var firstNodePort = new Option<int>("--first-node-port") { Description = "Node i's own port is this + i (default: free ports)." };
            var heartbeat = new Option<double>("--heartbeat-seconds") { Description = "How often nodes check in (default 5).", DefaultValueFactory = _ => 5 };
            var pageSize = new Option<int>("--max-page-size") { Description = "Most items the API returns per page (default 30).", DefaultValueFactory = _ => 30 };
            var output = Outputs.CreateOption();
            var command = new Command("start", "Start the emulated cluster; print its URLs and API key; run until Ctrl+C.") { nodes, port, firstNodePort, heartbeat, pageSize, output };
            command.SetAction(async (parse, ct) =>
            {
                int count = parse.GetValue(nodes);
                if (count < 1 || count > 64) throw new OctoHaException("InvalidNodeCount", OctoHaErrorKind.InvalidArgument, $"--nodes must be between 1 and 64 ({count} was given).", "--nodes");
                foreach (var (name, value) in new[] { ("--port", parse.GetValue(port)), ("--first-node-port", parse.GetValue(firstNodePort)) })
                {
                    if (value < 0 || value > 65535) throw new OctoHaException("InvalidPort", OctoHaErrorKind.InvalidArgument, $"{name} must be a TCP port between 0 and 65535 ({value} was given).", name);
                }
                double beat = parse.GetValue(heartbeat);
                if (beat <= 0) throw new OctoHaException("InvalidHeartbeat", OctoHaErrorKind.InvalidArgument, $"--heartbeat-seconds must be more than 0 ({beat} was given).", "--heartbeat-seconds");
                var options = new EmulatorOptions
                {
                    Nodes = count,
                    ApiPort = parse.GetValue(port),
                    FirstNodePort = parse.GetValue(firstNodePort),
                    HeartbeatInterval = TimeSpan.FromSeconds(beat),
                    OfflineAfter = TimeSpan.FromSeconds(beat * 3),
                    MaxPageSize = Math.Max(1, parse.GetValue(pageSize)),
                };
                // Ctrl+C (SIGINT) and SIGTERM (docker stop, systemd) end the wait; the cluster then stops cleanly.
                // Registered before the ready line is printed, so a signal sent right after it is not lost.
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
                using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
                await using var cluster = await EmulatedCluster.StartAsync(options, ct);
                if (parse.GetValue(output) == OutputFormat.Json)
                {
                    // One line, so a script can read it as soon as the cluster is ready.
                    context.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        ApiUrl = cluster.ApiUrl.ToString(),
                        cluster.ApiKey,
                        Nodes = cluster.Nodes.Select(n => new { n.Name, Url = n.Url.ToString() }).ToArray(),
                    }));
                }
                else
                {
                    context.Out.WriteLine(cluster.Describe());
                    context.Out.WriteLine("Press Ctrl+C to stop.");
                }
                context.Out.Flush();
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    context.Error.WriteLine("Stopping the emulated cluster.");
                }
                await cluster.StopAsync();
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
