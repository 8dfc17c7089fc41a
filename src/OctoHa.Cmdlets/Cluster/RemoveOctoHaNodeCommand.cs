using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Remove-OctoHaNode: deletes a node from the cluster, refusing one with running tasks unless -Force. Twin: octoha node remove.</summary>
    [Cmdlet(VerbsCommon.Remove, "OctoHaNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByName)]
    [OutputType(typeof(NodeChangeResult))]
    public sealed class RemoveOctoHaNodeCommand : OctoHaNodeChangeCmdlet
    {
        /// <summary>Remove the node even though tasks are running on it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            string name = NodeName;
            ChangeNode((ops, ct) => ops.RemoveAsync(name, Force.IsPresent, ct), (NodeChangeResult r) => r.WhatIf);
        }
    }
}
