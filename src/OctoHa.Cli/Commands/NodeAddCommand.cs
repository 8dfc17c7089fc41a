using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using OctoHa.Cli.Output;
using OctoHa.Cluster;
using OctoHa.Nodes;
using OctoHa.Processes;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha node add`: the twin of Add-OctoHaNode. Secrets come from environment variables or files, never from flags.</summary>
    internal static class NodeAddCommand
    {
        public const string ConnectionStringVariable = "OCTOHA_DB_CONNECTION_STRING";
        public const string MasterKeyVariable = "OCTOHA_MASTER_KEY";

        public static Command Build(CliContext context)
        {
            var cluster = new ClusterOptions();
            var instance = new Option<string>("--instance") { Description = "The Octopus Server instance on this host (default OctopusServer).", DefaultValueFactory = _ => OctopusServerProgram.DefaultInstance };
            var nodeName = new Option<string>("--node-name") { Description = "The new node's name in the cluster.", Required = true };
            var storage = new Option<string?>("--storage") { Description = "The shared storage root every node uses (path --clusterShared)." };
            var prefix = new Option<string?>("--web-listen-prefix") { Description = "configure --webListenPrefixes, e.g. https://octo4.example.com/." };
            var comms = new Option<int>("--comms-port") { Description = "configure --commsListenPort (default 10943).", DefaultValueFactory = _ => NodeSetupRequest.DefaultCommsPort };
            var taskCap = new Option<int>("--task-cap") { Description = "The node's task cap (default 0: it runs no tasks until you raise it)." };
            var serverPath = new Option<string?>("--server-path") { Description = $"The Octopus.Server program (default {OctopusServerProgram.LinuxPath}, or {OctopusServerProgram.WindowsPath} on Windows)." };
            var config = new Option<string?>("--config") { Description = "create-instance --config (default C:\\Octopus\\NAME\\NAME.config, or /etc/octopus/NAME/NAME.config)." };
            var home = new Option<string?>("--home") { Description = "configure --home: the node's own, not shared, home folder." };
            var csFile = new Option<FileInfo?>("--connection-string-file") { Description = $"File whose content is the database connection string (else {ConnectionStringVariable})." };
            var keyFile = new Option<FileInfo?>("--master-key-file") { Description = $"File whose content is the cluster's master key (else {MasterKeyVariable})." };
            var container = new Option<bool>("--container") { Description = "Print the Octopus Server container's environment instead of running commands." };
            var format = new Option<string>("--container-format") { Description = "env (NAME=value lines, secrets as ${NAME}) or kubernetes (env: with secretKeyRef).", DefaultValueFactory = _ => "env" };
            format.AcceptOnlyFromAmong("env", "kubernetes");
            var secretName = new Option<string>("--secret-name") { Description = "The Kubernetes secret holding DB_CONNECTION_STRING and MASTER_KEY.", DefaultValueFactory = _ => NodeSetupRequest.DefaultSecretName };
            var skip = new Option<bool>("--skip-preflight") { Description = "Run no preflight checks (database, storage, node name, version)." };
            var whatIf = new Option<bool>("--what-if") { Description = "Run the preflight and print the numbered plan; run no command." };
            var command = new Command("add", "Prepare this host as a new node of the cluster: preflight, then the Octopus.Server sequence (or --container: the container's environment).")
            {
                instance, nodeName, storage, prefix, comms, taskCap, serverPath, config, home, csFile, keyFile, container, format, secretName, skip, whatIf,
            };
            cluster.AddTo(command);
            command.SetAction(async (parse, ct) =>
            {
                bool json = cluster.Json(parse);
                bool isContainer = parse.GetValue(container);
                var request = new NodeSetupRequest
                {
                    Instance = parse.GetValue(instance) ?? OctopusServerProgram.DefaultInstance,
                    NodeName = parse.GetValue(nodeName) ?? "",
                    SharedStorage = parse.GetValue(storage),
                    WebListenPrefix = parse.GetValue(prefix),
                    CommsPort = parse.GetValue(comms),
                    TaskCap = parse.GetValue(taskCap),
                    ServerPath = parse.GetValue(serverPath),
                    ConfigPath = parse.GetValue(config),
                    HomeDirectory = parse.GetValue(home),
                    Container = isContainer,
                    ContainerFormat = parse.GetValue(format) == "kubernetes" ? ContainerFormat.Kubernetes : ContainerFormat.Env,
                    SecretName = parse.GetValue(secretName) ?? NodeSetupRequest.DefaultSecretName,
                    SkipPreflight = parse.GetValue(skip),
                    Connection = OptionalConnection(cluster, parse),
                };
                if (!isContainer)
                {
                    request.ConnectionString = SecretInput.Read(parse.GetValue(csFile), ConnectionStringVariable, "SecretFileMissing", "--connection-string-file");
                    request.MasterKey = SecretInput.Read(parse.GetValue(keyFile), MasterKeyVariable, "SecretFileMissing", "--master-key-file");
                }
                bool isWhatIf = parse.GetValue(whatIf);
                var observer = new CliObserver(context.Error, parse.GetValue(cluster.Verbose), isWhatIf, json ? context.Error : context.Out);
                var result = await NodeSetup.AddAsync(request, observer, ct);
                if (json) Outputs.WriteJson(context.Out, result);
                else Print(context.Out, result);
                // A preview whose preflight failed is a failure for scripts that use --what-if as the check.
                return result.Preflight.Any(c => c.Status == CheckStatus.Fail) ? ExitCodes.Failed : ExitCodes.Success;
            });
            return command;
        }

        // Adding a node needs no cluster connection; the node-name and version checks use one when one is given.
        private static OctopusConnection? OptionalConnection(ClusterOptions cluster, ParseResult parse) =>
            parse.GetValue(cluster.Server) != null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionSettings.UrlVariable))
                ? cluster.Connection(parse)
                : null;

        private static void Print(TextWriter o, NodeSetupResult result)
        {
            o.WriteLine("Preflight:");
            TableWriter.Write(o, result.Preflight, ("Status", c => c.Status), ("Check", c => c.Check), ("Reason", c => c.Reason));
            if (result.ContainerText != null)
            {
                o.WriteLine();
                o.Write(result.ContainerText);
            }
            if (result.Steps.Count > 0)
            {
                o.WriteLine();
                o.WriteLine(result.WhatIf ? "Plan (nothing was run):" : "Steps:");
                foreach (var step in result.Steps) o.WriteLine(result.WhatIf ? $"  {step}" : $"  {step.Status,-8} {step}");
            }
            if (result.NextSteps.Count > 0)
            {
                o.WriteLine();
                o.WriteLine("Next:");
                foreach (string next in result.NextSteps) o.WriteLine("  - " + next);
            }
        }
    }
}
