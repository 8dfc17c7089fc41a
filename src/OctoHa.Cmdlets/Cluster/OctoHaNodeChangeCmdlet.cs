using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>
    /// Base of the cmdlets that change one node at a time: the node comes by -Name, or piped in (-InputObject),
    /// e.g. Get-OctoHaNode -Name OCTO2 | Invoke-OctoHaDrain -Wait.
    /// </summary>
    public abstract class OctoHaNodeChangeCmdlet : OctoHaClusterCmdlet
    {
        protected const string ByName = "ByName";
        protected const string ByInputObject = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
        [Alias("NodeName")]
        public string Name { get; set; } = "";

        /// <summary>A node from Get-OctoHaNode, or any object with a Name property, or a node name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>
        /// Runs one node's change. A failure that concerns only this node (not found, busy, did not drain in time)
        /// is a non-terminating error, so `Get-OctoHaNode | ... | Remove-OctoHaNode` goes on with the next node.
        /// Results of -WhatIf are not written: PowerShell's own "What if:" line already said it.
        /// </summary>
        private protected void ChangeNode<T>(Func<ClusterOperations, CancellationToken, Task<T>> change, Func<T, bool> isWhatIf) where T : class
        {
            var connection = ResolveConnection();
            T? result = RunEngineAsync(async (observer, ct) =>
            {
                using var ops = new ClusterOperations(connection, observer);
                return await change(ops, ct).ConfigureAwait(false);
            }, ex => ex.ErrorId == "NodeNotFound" || ex.ErrorId == "NodeHasRunningTasks" || ex.ErrorId == "DrainTimedOut");
            if (result != null && !isWhatIf(result)) WriteObject(result);
        }

        private protected string NodeName
        {
            get
            {
                if (ParameterSetName != ByInputObject || InputObject == null) return Name;
                if (InputObject.BaseObject is string s) return s;
                return InputObject.Properties["Name"]?.Value?.ToString() ?? "";
            }
        }
    }
}
