using System.Collections.Generic;
using System.Management.Automation;
using OctoHa.Tentacle;

namespace OctoHa.Cmdlets.Tentacle
{
    /// <summary>Get-OctoHaPollingTentacle: a Tentacle's trusted servers, and which nodes it misses. Twin: octoha tentacle show.</summary>
    [Cmdlet(VerbsCommon.Get, "OctoHaPollingTentacle")]
    [OutputType(typeof(PollingTentacleServer))]
    public sealed class GetOctoHaPollingTentacleCommand : OctoHaCmdlet
    {
        /// <summary>The Tentacle.config to read; instead of -Instance.</summary>
        [Parameter(Position = 0)]
        [Alias("Path")]
        public string? ConfigPath { get; set; }

        /// <summary>The Tentacle instance, found through Tentacle's instance index (default: Tentacle).</summary>
        [Parameter]
        public string? Instance { get; set; }

        /// <summary>Node names or comms addresses; Get-OctoHaNode output binds by its Name.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        public string[]? Node { get; set; }

        private readonly List<string> _nodes = new List<string>();

        protected override void ProcessRecord()
        {
            if (Node != null) _nodes.AddRange(Node);
        }

        protected override void EndProcessing()
        {
            var query = new PollingTentacleQuery { Nodes = _nodes };
            TentacleParameters.Target(this, query, ConfigPath, Instance);
            foreach (PollingTentacleServer server in RunEngine((_, _) => PollingTentacles.Show(query)))
            {
                WriteObject(server);
            }
        }
    }
}
