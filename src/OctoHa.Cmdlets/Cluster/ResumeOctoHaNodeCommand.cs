using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Resume-OctoHaNode: ends a node's drain so it picks up tasks again. Twin: octoha node resume.</summary>
    [Cmdlet(VerbsLifecycle.Resume, "OctoHaNode", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(NodeChangeResult))]
    public sealed class ResumeOctoHaNodeCommand : OctoHaNodeChangeCmdlet
    {
        protected override void ProcessRecord()
        {
            string name = NodeName;
            ChangeNode((ops, ct) => ops.ResumeAsync(name, ct), (NodeChangeResult r) => r.WhatIf);
        }
    }
}
