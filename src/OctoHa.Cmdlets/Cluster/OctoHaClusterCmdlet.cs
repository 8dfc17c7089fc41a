using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>
    /// Base of the cmdlets that talk to a cluster. The connection comes from -Connection, else the session's
    /// Connect-OctoHaServer, else the OCTOPUS_URL and OCTOPUS_API_KEY environment variables.
    /// </summary>
    public abstract class OctoHaClusterCmdlet : OctoHaCmdlet
    {
        /// <summary>The object Connect-OctoHaServer returns. Typed as object so the engine is not loaded before import completes.</summary>
        [Parameter]
        public object? Connection { get; set; }

        private protected OctopusConnection ResolveConnection()
        {
            object? given = Connection is PSObject wrapped ? wrapped.BaseObject : Connection;
            given ??= SessionConnections.Get();
            switch (given)
            {
                case ConnectedServer server: return server.Connection;
                case OctopusConnection connection: return connection;
                case null:
                    return RunEngine((_, _) => ConnectionSettings.Resolve(null, null, false,
                        "Connect-OctoHaServer (or -Connection)", "Connect-OctoHaServer -ApiKey"));
                default:
                    ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException($"-Connection takes the object Connect-OctoHaServer returns, not a {given.GetType().Name}."),
                        "InvalidConnection", ErrorCategory.InvalidArgument, given));
                    return null!;
            }
        }
    }
}
