using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Get-OctoHaNode: every node's task cap, drain state, last seen, running tasks, version and state. Twin: octoha node list.</summary>
    [Cmdlet(VerbsCommon.Get, "OctoHaNode")]
    [OutputType(typeof(ClusterNode))]
    public sealed class GetOctoHaNodeCommand : OctoHaClusterCmdlet
    {
        private readonly List<string> _names = new List<string>();

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>Seconds since the last check-in after which a node counts as Offline.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int OfflineAfterSeconds { get; set; } = (int)NodeQuery.DefaultOfflineAfter.TotalSeconds;

        protected override void ProcessRecord()
        {
            if (Name != null) _names.AddRange(Name);
        }

        // One summary call for all names, however many were piped in.
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var query = new NodeQuery { Names = _names.ToArray(), OfflineAfter = TimeSpan.FromSeconds(OfflineAfterSeconds) };
            NodeListResult result = RunEngineAsync(async (observer, ct) =>
            {
                using var ops = new ClusterOperations(connection, observer);
                return await ops.GetNodesAsync(query, ct).ConfigureAwait(false);
            });
            foreach (ClusterNode node in result.Nodes) WriteObject(node);
            foreach (string missing in result.Unmatched)
            {
                WriteEngineError(new OctoHaException("NodeNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"There is no node named '{missing}'. Known nodes: {string.Join(", ", result.All.Select(n => n.Name))}.", missing));
            }
        }
    }
}
