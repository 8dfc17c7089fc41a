using System;

namespace OctoHa.Cluster
{
    /// <summary>A checked connection: the server answered, accepted the key, and told its version. Pass it as -Connection.</summary>
    public sealed class ConnectedServer
    {
        public ConnectedServer(OctopusConnection connection, string? version, string? apiVersion, int nodeCount)
        {
            Connection = connection;
            Version = version;
            ApiVersion = apiVersion;
            NodeCount = nodeCount;
        }

        public Uri ServerUrl => Connection.ServerUrl;
        public string? Version { get; }
        public string? ApiVersion { get; }
        public int NodeCount { get; }
        public bool SkipCertificateCheck => Connection.SkipCertificateCheck;

        /// <summary>Hidden from output formatting by the format file; carries the key for later calls.</summary>
        public OctopusConnection Connection { get; }

        public override string ToString() => $"{ServerUrl} (Octopus {Version ?? "unknown version"})";
    }
}
