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
            var connection = ResolveConnection();
            string name = NodeName;
            WriteObject(RunEngineAsync(async (observer, ct) =>
            {
                using var ops = new ClusterOperations(connection, observer);
                return await ops.ResumeAsync(name, ct).ConfigureAwait(false);
            }));
        }
    }
}
