using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using OctoHa.Database;
using OctoHa.Processes;

namespace OctoHa.Nodes
{
    /// <summary>One planned Octopus.Server command, and the commands that undo it once it has run.</summary>
    internal sealed class PlannedStep
    {
        public PlannedStep(string name, ExternalCommand command, IReadOnlyList<string> undo)
        {
            Name = name;
            Command = command;
            Undo = undo;
        }

        public string Name { get; }
        public ExternalCommand Command { get; }

        /// <summary>Undo instructions (commands to type, or what to do), run in reverse step order.</summary>
        public IReadOnlyList<string> Undo { get; }
    }

    /// <summary>
    /// The Octopus.Server sequence for a new node of an existing HA cluster (facts (d); HA guide 'Adding Nodes'):
    /// create-instance, database (store the connection string and master key only: no --create, no --upgrade),
    /// configure, path --clusterShared, service install/start, node --taskCap.
    /// </summary>
    public static class NodeSetupPlan
    {
        /// <summary>
        /// The instance's config file when none is given: C:\Octopus\NAME\NAME.config on Windows, beside the node's
        /// own home folder (our choice; Octopus documents no default for --config), /etc/octopus/NAME/NAME.config elsewhere.
        /// </summary>
        public static string DefaultConfigPath(string instance, bool isWindows) =>
            isWindows ? $@"C:\Octopus\{instance}\{instance}.config" : $"/etc/octopus/{instance}/{instance}.config";

        internal static bool HostIsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        internal static IReadOnlyList<PlannedStep> Build(NodeSetupRequest r, string exe)
        {
            bool windows = r.IsWindows ?? HostIsWindows;
            var secrets = new List<string>();
            secrets.AddRange(SqlConnectionString.SecretsOf(r.ConnectionString));
            secrets.Insert(0, r.MasterKey!); // the key first: it may also appear inside nothing else
            string instance = r.Instance;
            string config = string.IsNullOrWhiteSpace(r.ConfigPath) ? DefaultConfigPath(instance, windows) : r.ConfigPath!;
            ExternalCommand Cmd(params string[] args) => new ExternalCommand(exe, args, secrets);
            string Render(params string[] args) => new ExternalCommand(exe, args).Render();

            var configure = new List<string> { "configure", "--instance", instance, "--webListenPrefixes", r.WebListenPrefix!, "--commsListenPort", r.CommsPort.ToString() };
            if (!string.IsNullOrWhiteSpace(r.HomeDirectory)) configure.AddRange(new[] { "--home", r.HomeDirectory! });

            return new List<PlannedStep>
            {
                new PlannedStep("create-instance", Cmd("create-instance", "--instance", instance, "--config", config, "--serverNodeName", r.NodeName),
                    new[] { Render("delete-instance", "--instance", instance) + $"   (UNCONFIRMED verb: if your version lacks it, delete '{config}' and the instance in Octopus Manager)" }),
                new PlannedStep("database", Cmd("database", "--instance", instance, "--connectionString", r.ConnectionString!, "--masterKey", r.MasterKey!),
                    new[] { "(nothing: the connection string and master key are kept in the instance's config, which delete-instance removes; the database itself was not changed)" }),
                new PlannedStep("configure", Cmd(configure.ToArray()),
                    new[] { "(nothing: these settings are kept in the instance's config)" }),
                new PlannedStep("path", Cmd("path", "--instance", instance, "--clusterShared", r.SharedStorage!),
                    new[] { $"(the cluster-shared path is stored in the database for every node: if '{r.SharedStorage}' is not the root the other nodes use, set theirs back with {Render("path", "--instance", instance, "--clusterShared", "PREVIOUS-ROOT")} on any node)" }),
                new PlannedStep("service", Cmd("service", "--instance", instance, "--install", "--reconfigure", "--start"),
                    new[]
                    {
                        Render("service", "--instance", instance, "--stop", "--uninstall"),
                        $"Remove-OctoHaNode -Name {r.NodeName}   (octoha node remove {r.NodeName}: the started node registered itself in the cluster)",
                    }),
                new PlannedStep("node", Cmd("node", "--instance", instance, "--taskCap=" + r.TaskCap),
                    new[] { "(nothing to undo on its own)" }),
            };
        }

        /// <summary>Undo instructions for the steps done, last step first.</summary>
        internal static IReadOnlyList<string> UndoFor(IEnumerable<PlannedStep> done) =>
            done.Reverse().SelectMany(s => s.Undo).ToList();
    }
}
