using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cli.Output;
using OctoHa.Cluster;
using OctoHa.Emulator;

namespace OctoHa.Cli.Commands
{
    /// <summary>
    /// `octoha emulator demo`: rehearses node maintenance from the HA guide on an emulated cluster, through the same
    /// engine calls as the real verbs: list, queue work, drain and wait, ping, resume, make a UI-only node.
    /// </summary>
    internal static class EmulatorDemo
    {
        public static async Task<int> RunAsync(CliContext context, int nodeCount, CancellationToken ct)
        {
            TextWriter o = context.Out;
            await using var cluster = await EmulatedCluster.StartAsync(new EmulatorOptions
            {
                Nodes = nodeCount,
                HeartbeatInterval = TimeSpan.FromSeconds(1),
                OfflineAfter = TimeSpan.FromSeconds(3),
            }, ct);
            o.WriteLine(cluster.Describe());
            var connection = new OctopusConnection(cluster.ApiUrl, ApiKey.Parse(cluster.ApiKey, "emulator"));
            using var ops = new ClusterOperations(connection, new CliObserver(context.Error));
            string first = cluster.Nodes[0].Name;

            Step(o, "The cluster's nodes", "octoha node list  |  Get-OctoHaNode");
            await ListAsync(o, ops, ct);

            Step(o, "Queue six 2-second deployments; nodes pick them up FIFO up to their task caps", "(the emulator's task queue)");
            for (int i = 1; i <= 6; i++) cluster.QueueTask(TimeSpan.FromSeconds(2), "Deploy", $"Deploy Acme.Web{i} to Production");
            await Task.Delay(500, ct);
            await ListAsync(o, ops, ct);

            Step(o, $"Drain {first} and wait for its running tasks", $"octoha node drain {first} --wait  |  Invoke-OctoHaDrain -Name {first} -Wait");
            var drained = await ops.DrainAsync(new DrainRequest { Name = first, Wait = true, PollInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(1) }, ct);
            o.WriteLine(drained.Message);

            Step(o, "Ping every node on its own address, as a load balancer does", "octoha node ping URL...  |  Test-OctoHaNode -Url ...");
            var pings = await NodePing.PingAsync(new PingRequest { Urls = cluster.Nodes.Select(n => n.Url.ToString()).ToArray() }, null, ct);
            TableWriter.Write(o, pings, ("Url", r => r.Url), ("Name", r => r.Name), ("State", r => r.State), ("Status", r => r.StatusCode), ("LatencyMs", r => r.LatencyMs));

            Step(o, $"Patch {first}, then end its drain", $"octoha node resume {first}  |  Resume-OctoHaNode -Name {first}");
            o.WriteLine((await ops.ResumeAsync(first, ct)).Message);

            string last = cluster.Nodes[cluster.Nodes.Count - 1].Name;
            Step(o, $"Make {last} a UI-only node", $"octoha node set-task-cap {last} 0  |  Set-OctoHaTaskCap -Name {last} -TaskCap 0");
            o.WriteLine((await ops.SetTaskCapAsync(last, 0, ct)).Message);

            Step(o, "The cluster afterwards", "octoha node list");
            await ListAsync(o, ops, ct);
            o.WriteLine();
            o.WriteLine("Rehearsal done on an emulated cluster. Against a real one, set OCTOPUS_URL and OCTOPUS_API_KEY and run the verbs shown.");
            await cluster.StopAsync();
            return ExitCodes.Success;
        }

        private static void Step(TextWriter o, string what, string command)
        {
            o.WriteLine();
            o.WriteLine($"== {what}");
            o.WriteLine($"   {command}");
        }

        private static async Task ListAsync(TextWriter o, ClusterOperations ops, CancellationToken ct)
        {
            var nodes = (await ops.GetNodesAsync(new NodeQuery(), ct)).Nodes;
            TableWriter.Write(o, nodes, ("Name", n => n.Name), ("State", n => n.State), ("TaskCap", n => n.TaskCap), ("Draining", n => n.Draining), ("RunningTasks", n => n.RunningTasks));
        }
    }
}
