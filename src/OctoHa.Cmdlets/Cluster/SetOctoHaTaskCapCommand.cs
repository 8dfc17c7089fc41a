using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Set-OctoHaTaskCap: sets a node's task cap, keeping its other fields. Twin: octoha node set-task-cap.</summary>
    [Cmdlet(VerbsCommon.Set, "OctoHaTaskCap", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(NodeChangeResult))]
    public sealed class SetOctoHaTaskCapCommand : OctoHaNodeChangeCmdlet
    {
        /// <summary>0 makes a UI-only node; negative values are refused by the engine with a clear error.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("MaxConcurrentTasks")]
        public int TaskCap { get; set; }

        protected override void ProcessRecord()
        {
            string name = NodeName;
            ChangeNode((ops, ct) => ops.SetTaskCapAsync(name, TaskCap, ct), (NodeChangeResult r) => r.WhatIf);
        }
    }
}
