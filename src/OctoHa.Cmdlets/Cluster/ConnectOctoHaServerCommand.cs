using System.Management.Automation;
using System.Net;
using System.Security;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Connect-OctoHaServer: checks the URL and API key, and makes them this session's default connection.</summary>
    [Cmdlet(VerbsCommunications.Connect, "OctoHaServer")]
    [OutputType(typeof(ConnectedServer))]
    public sealed class ConnectOctoHaServerCommand : OctoHaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("Server", "ServerUrl")]
        public string Url { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        public SecureString ApiKey { get; set; } = new SecureString();

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        protected override void ProcessRecord()
        {
            // The key leaves the SecureString only here, straight into the masked ApiKey type.
            string plain = new NetworkCredential(string.Empty, ApiKey).Password;
            ConnectedServer server = RunEngineAsync((observer, ct) =>
            {
                var connection = new OctopusConnection(OctopusConnection.ParseServerUrl(Url, "-Url"), OctoHa.Cluster.ApiKey.Parse(plain, "-ApiKey"), SkipCertificateCheck.IsPresent);
                return ClusterOperations.ConnectAsync(connection, observer, ct);
            });
            SessionConnections.Set(server);
            WriteObject(server);
        }
    }
}
