using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using OctoHa.Cluster;
using OctoHa.Cmdlets.Cluster;
using OctoHa.Nodes;

namespace OctoHa.Cmdlets.Nodes
{
    /// <summary>
    /// Add-OctoHaNode: preflight, then the Octopus.Server sequence that makes this host a new node of an existing
    /// cluster (task cap 0 by default), or with -Container the container's environment. Twin: octoha node add.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "OctoHaNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByConnectionString)]
    [OutputType(typeof(NodeSetupResult))]
    public sealed class AddOctoHaNodeCommand : OctoHaClusterCmdlet
    {
        private const string ByConnectionString = "ConnectionString";
        private const string ByServer = "DatabaseServer";
        private const string ForContainer = "Container";

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Name")]
        public string NodeName { get; set; } = "";

        [Parameter]
        public string Instance { get; set; } = OctoHa.Processes.OctopusServerProgram.DefaultInstance;

        /// <summary>The cluster's connection string, as the other nodes use it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByConnectionString)]
        public SecureString? ConnectionString { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByServer)]
        public string? DatabaseServer { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByServer)]
        public string? DatabaseName { get; set; }

        /// <summary>A SQL login; without it, Windows authentication of the Octopus service account.</summary>
        [Parameter(ParameterSetName = ByServer)]
        [Credential]
        public PSCredential? DatabaseCredential { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByConnectionString)]
        [Parameter(Mandatory = true, ParameterSetName = ByServer)]
        public SecureString? MasterKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByConnectionString)]
        [Parameter(Mandatory = true, ParameterSetName = ByServer)]
        [Parameter(ParameterSetName = ForContainer)]
        [Alias("ClusterShared")]
        public string? SharedStorage { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ByConnectionString)]
        [Parameter(Mandatory = true, ParameterSetName = ByServer)]
        public string? WebListenPrefix { get; set; }

        [Parameter(ParameterSetName = ByConnectionString)]
        [Parameter(ParameterSetName = ByServer)]
        [ValidateRange(1, 65535)]
        public int CommsPort { get; set; } = 10943;

        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [Alias("MaxConcurrentTasks")]
        public int TaskCap { get; set; }

        [Parameter(ParameterSetName = ByConnectionString)]
        [Parameter(ParameterSetName = ByServer)]
        public string? ServerPath { get; set; }

        [Parameter(ParameterSetName = ByConnectionString)]
        [Parameter(ParameterSetName = ByServer)]
        public string? ConfigPath { get; set; }

        [Parameter(ParameterSetName = ByConnectionString)]
        [Parameter(ParameterSetName = ByServer)]
        public string? HomeDirectory { get; set; }

        [Parameter(ParameterSetName = ByConnectionString)]
        [Parameter(ParameterSetName = ByServer)]
        public SwitchParameter SkipPreflight { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ForContainer)]
        public SwitchParameter Container { get; set; }

        [Parameter(ParameterSetName = ForContainer)]
        [ValidateSet("Env", "Kubernetes", IgnoreCase = true)]
        public string ContainerFormat { get; set; } = "Env";

        [Parameter(ParameterSetName = ForContainer)]
        public string SecretName { get; set; } = "octopus-server";

        protected override void ProcessRecord()
        {
            var request = new NodeSetupRequest
            {
                NodeName = NodeName,
                Instance = Instance,
                TaskCap = TaskCap,
                CommsPort = CommsPort,
                WebListenPrefix = WebListenPrefix,
                SharedStorage = SharedStorage,
                ConfigPath = ConfigPath,
                HomeDirectory = HomeDirectory,
                SkipPreflight = SkipPreflight.IsPresent,
                Container = Container.IsPresent,
                ContainerFormat = string.Equals(ContainerFormat, "Kubernetes", StringComparison.OrdinalIgnoreCase) ? OctoHa.Nodes.ContainerFormat.Kubernetes : OctoHa.Nodes.ContainerFormat.Env,
                SecretName = SecretName,
                Connection = OptionalConnection(),
            };
            request.ServerPath = ProgramPath(ServerPath, nameof(ServerPath), "Octopus.Server is a program on this host");
            // The secrets leave their SecureString/PSCredential only here, straight into the request.
            if (ConnectionString != null) request.ConnectionString = new NetworkCredential(string.Empty, ConnectionString).Password;
            else if (ParameterSetName == ByServer)
                request.ConnectionString = RunEngine((_, _) => OctoHa.Database.SqlConnectionString.Build(DatabaseServer!, DatabaseName!,
                    DatabaseCredential?.UserName, DatabaseCredential?.GetNetworkCredential().Password, false));
            if (MasterKey != null) request.MasterKey = new NetworkCredential(string.Empty, MasterKey).Password;

            NodeSetupResult result = RunEngineAsync((observer, ct) => NodeSetup.AddAsync(request, observer, ct));
            if (result.WhatIf)
            {
                // -WhatIf writes no result, but the admin still sees what the read-only preflight found.
                foreach (CheckResult check in result.Preflight) Show("Preflight " + check);
                return;
            }
            WriteObject(result);
        }

        // The cluster checks need a connection, but adding a node does not: use one only when one was given somehow.
        private OctopusConnection? OptionalConnection()
        {
            bool given = Connection != null || SessionConnections.Get() != null
                || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionSettings.UrlVariable));
            return given ? ResolveConnection() : null;
        }

        // What Write-Host does: an information record tagged PSHOST, which the host always shows.
        private void Show(string text) =>
            WriteInformation(new HostInformationMessage { Message = text, NoNewLine = false }, new[] { "PSHOST" });
    }
}
