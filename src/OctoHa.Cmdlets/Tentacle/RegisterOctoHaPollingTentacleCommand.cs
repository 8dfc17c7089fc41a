using System.Collections.Generic;
using System.Management.Automation;
using OctoHa.Cmdlets.Cluster;
using OctoHa.Tentacle;

namespace OctoHa.Cmdlets.Tentacle
{
    /// <summary>
    /// Register-OctoHaPollingTentacle: makes a polling Tentacle poll every node, by editing Tentacle.config or by running
    /// `Tentacle poll-server`. Idempotent. Twin: octoha tentacle register.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "OctoHaPollingTentacle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PollingTentacleChange))]
    public sealed class RegisterOctoHaPollingTentacleCommand : OctoHaClusterCmdlet
    {
        /// <summary>Node names or comms addresses; Get-OctoHaNode output binds by its Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        public string[] Node { get; set; } = new string[0];

        [Parameter]
        [Alias("Path")]
        public string? ConfigPath { get; set; }

        [Parameter]
        public string? Instance { get; set; }

        /// <summary>Every node through one host, told apart by port (-HostName, -FirstPort).</summary>
        [Parameter]
        public SwitchParameter UniquePort { get; set; }

        [Parameter]
        public string? HostName { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int FirstPort { get; set; } = 10943;

        [Parameter]
        [ValidateSet("ConfigFile", "PollServer", IgnoreCase = true)]
        public string Method { get; set; } = "ConfigFile";

        [Parameter]
        public string? Thumbprint { get; set; }

        [Parameter]
        public SwitchParameter Restart { get; set; }

        [Parameter]
        public string? TentaclePath { get; set; }

        private readonly List<string> _nodes = new List<string>();

        protected override void ProcessRecord()
        {
            _nodes.AddRange(Node);
        }

        protected override void EndProcessing()
        {
            var request = new PollingRegisterRequest
            {
                Nodes = _nodes,
                FirstPort = FirstPort,
                Thumbprint = Thumbprint,
                Method = string.Equals(Method, "PollServer", System.StringComparison.OrdinalIgnoreCase) ? RegistrationMethod.PollServer : RegistrationMethod.ConfigFile,
            };
            TentacleParameters.Change(this, request, ConfigPath, Instance, Restart.IsPresent, TentaclePath);
            request.UniquePortHost = RunEngine((_, _) => TentacleNodes.UniquePortHost(UniquePort.IsPresent, HostName));
            if (request.Method == RegistrationMethod.PollServer) request.Connection = ResolveConnection();
            PollingTentacleChange change = RunEngine((observer, ct) => PollingTentacles.Register(request, observer, ct));
            if (!IsWhatIf()) WriteObject(change);
        }
    }
}
