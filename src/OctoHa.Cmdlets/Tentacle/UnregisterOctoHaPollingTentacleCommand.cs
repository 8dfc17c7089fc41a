using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OctoHa.Tentacle;

namespace OctoHa.Cmdlets.Tentacle
{
    /// <summary>
    /// Unregister-OctoHaPollingTentacle: removes trusted-server entries (retired nodes), or keeps only the given addresses
    /// (the move to one load-balanced address for Redis multi-node polling). Twin: octoha tentacle prune.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Unregister, "OctoHaPollingTentacle", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByAddress)]
    [OutputType(typeof(PollingTentacleChange))]
    public sealed class UnregisterOctoHaPollingTentacleCommand : OctoHaCmdlet
    {
        private const string ByAddress = "ByAddress";
        private const string ByKeep = "Keep";

        /// <summary>The entries to remove; Get-OctoHaPollingTentacle output binds by Address (and ConfigPath).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByAddress, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string[] Address { get; set; } = new string[0];

        /// <summary>Keep only these polling addresses and remove every other polling entry.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByKeep)]
        public string[] Keep { get; set; } = new string[0];

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Path")]
        public string? ConfigPath { get; set; }

        [Parameter]
        public string? Instance { get; set; }

        /// <summary>Allow removing the last polling entry.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter Restart { get; set; }

        [Parameter]
        public string? TentaclePath { get; set; }

        // Piped entries may come from several configs: one edit per config, in the order first seen.
        private readonly List<KeyValuePair<string, List<string>>> _byConfig = new List<KeyValuePair<string, List<string>>>();

        protected override void ProcessRecord()
        {
            string key = ConfigPath ?? "";
            var group = _byConfig.FirstOrDefault(g => g.Key == key);
            if (group.Value == null)
            {
                group = new KeyValuePair<string, List<string>>(key, new List<string>());
                _byConfig.Add(group);
            }
            group.Value.AddRange(ParameterSetName == ByKeep ? Keep : Address);
        }

        protected override void EndProcessing()
        {
            foreach (var group in _byConfig)
            {
                var request = new PollingUnregisterRequest { Force = Force.IsPresent };
                if (ParameterSetName == ByKeep) request.Keep = group.Value; else request.Remove = group.Value;
                TentacleParameters.Change(this, request, group.Key.Length == 0 ? null : group.Key, Instance, Restart.IsPresent, TentaclePath);
                PollingTentacleChange change = RunEngine((observer, ct) => PollingTentacles.Unregister(request, observer, ct));
                if (!IsWhatIf()) WriteObject(change);
            }
        }
    }
}
