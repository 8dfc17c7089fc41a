using System;
using System.Collections.Generic;
using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Test-OctoHaNode: pings every given node's own address at once. Twin: octoha node ping.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "OctoHaNode")]
    [OutputType(typeof(PingResult))]
    public sealed class TestOctoHaNodeCommand : OctoHaCmdlet
    {
        private readonly List<string> _urls = new List<string>();

        /// <summary>Each node's own address, not the load balancer's.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Uri", "NodeUrl")]
        public string[] Url { get; set; } = Array.Empty<string>();

        /// <summary>Seconds to wait for each node (default 10).</summary>
        [Parameter]
        [Alias("TimeoutSeconds")]
        [ValidateRange(0.1, 3600.0)]
        public double Timeout { get; set; } = PingRequest.DefaultTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        protected override void ProcessRecord() => _urls.AddRange(Url);

        // All nodes are pinged together once every URL is in, so one hung node costs one timeout.
        protected override void EndProcessing()
        {
            var request = new PingRequest { Urls = _urls.ToArray(), Timeout = TimeSpan.FromSeconds(Timeout), SkipCertificateCheck = SkipCertificateCheck.IsPresent };
            foreach (PingResult result in RunEngineAsync((observer, ct) => NodePing.PingAsync(request, observer, ct)))
            {
                WriteObject(result);
            }
        }
    }
}
