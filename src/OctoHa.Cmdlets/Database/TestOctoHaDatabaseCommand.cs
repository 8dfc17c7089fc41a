using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using OctoHa.Database;

namespace OctoHa.Cmdlets.Database
{
    /// <summary>
    /// Test-OctoHaDatabase: connects to the Octopus database as a node would and reports latency, version, db_owner
    /// and Availability Group listener advice. Read-only, so no ShouldProcess. Twin: octoha database test.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OctoHaDatabase", DefaultParameterSetName = ConnectionStringSet)]
    [OutputType(typeof(DatabaseReport))]
    public sealed class TestOctoHaDatabaseCommand : OctoHaCmdlet
    {
        public const string ConnectionStringSet = "ConnectionString";
        public const string ServerSet = "Server";

        /// <summary>The whole connection string, as a SecureString because it may hold a password.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ConnectionStringSet)]
        public SecureString? ConnectionString { get; set; }

        /// <summary>HOST, HOST,PORT, tcp:HOST,PORT or HOST\INSTANCE.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ServerSet)]
        [Alias("ServerInstance", "SqlInstance")]
        public string? Server { get; set; }

        [Parameter(ParameterSetName = ServerSet)]
        [Alias("DatabaseName")]
        public string? Database { get; set; }

        /// <summary>A SQL login; without it, integrated security (the identity running PowerShell).</summary>
        [Parameter(ParameterSetName = ServerSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Adds MultiSubnetFailover=True, as the nodes should use for an Availability Group listener.</summary>
        [Parameter(ParameterSetName = ServerSet)]
        public SwitchParameter MultiSubnetFailover { get; set; }

        [Parameter]
        [ValidateRange(1, 1000)]
        public int Rounds { get; set; } = 5;

        /// <summary>Milliseconds; a median above it is a Warn (default 10).</summary>
        [Parameter]
        [ValidateRange(0.001, 100000.0)]
        public double LatencyThreshold { get; set; } = 10;

        /// <summary>Seconds for each of the DNS lookup, TCP connect and SQL login (default 15).</summary>
        [Parameter]
        [Alias("TimeoutSeconds")]
        [ValidateRange(0.1, 3600.0)]
        public double Timeout { get; set; } = 15;

        protected override void EndProcessing()
        {
            var request = new DatabaseTestRequest
            {
                ConnectionString = ParameterSetName == ServerSet
                    ? RunEngine((_, _) => SqlConnectionString.Build(Server!, Database, Credential?.UserName, Credential?.GetNetworkCredential().Password, MultiSubnetFailover.IsPresent))
                    : Plain(ConnectionString!),
                Rounds = Rounds,
                LatencyThreshold = TimeSpan.FromMilliseconds(LatencyThreshold),
                Timeout = TimeSpan.FromSeconds(Timeout),
            };
            WriteObject(RunEngineAsync((observer, ct) => DatabaseTester.TestAsync(request, observer, ct)));
        }

        private static string Plain(SecureString secure)
        {
            IntPtr text = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(text) ?? ""; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(text); }
        }
    }
}
