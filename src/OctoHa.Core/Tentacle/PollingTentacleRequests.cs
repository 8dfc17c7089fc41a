using System;
using System.Collections.Generic;
using OctoHa.Cluster;

namespace OctoHa.Tentacle
{
    /// <summary>Which Tentacle: a config path, or an instance name looked up in Tentacle's instance index.</summary>
    public abstract class TentacleTarget
    {
        /// <summary>The Tentacle instance Tentacle itself names when none is given.</summary>
        public const string DefaultInstance = "Tentacle";

        public string? ConfigPath { get; set; }

        /// <summary>The instance name, instead of <see cref="ConfigPath"/> (default "Tentacle"); giving both is an error.</summary>
        public string? Instance { get; set; }

        /// <summary>The machine configuration home (else the environment override, /etc/octopus or %ProgramData%\Octopus).</summary>
        public string? InstanceHome { get; set; }
    }

    /// <summary>Get-OctoHaPollingTentacle / `octoha tentacle show`.</summary>
    public sealed class PollingTentacleQuery : TentacleTarget
    {
        /// <summary>Node names or comms addresses; when given, each is reported Polled or Missing, other entries Extra.</summary>
        public IList<string> Nodes { get; set; } = new List<string>();
    }

    /// <summary>How Register-OctoHaPollingTentacle adds the missing nodes.</summary>
    public enum RegistrationMethod
    {
        /// <summary>Edit Tentacle.config directly (atomic replace, backup beside it).</summary>
        ConfigFile,

        /// <summary>Run `Tentacle poll-server` once per missing node.</summary>
        PollServer,
    }

    /// <summary>Settings shared by the verbs that change a Tentacle: restart it afterwards, and where its binary is.</summary>
    public abstract class TentacleChangeRequest : TentacleTarget
    {
        /// <summary>Restart the Tentacle service after a change (`Tentacle service --restart`).</summary>
        public bool Restart { get; set; }

        /// <summary>The Tentacle binary; defaults to the documented install path of this platform.</summary>
        public string? TentaclePath { get; set; }

        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long one Tentacle command (poll-server, service --restart) may take.</summary>
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

        // Test hook: whether a service manager (Windows services, systemd) is there to restart the Tentacle.
        internal Func<bool>? ServiceManagerProbe { get; set; }

        // Test hook: runs between writing the temp file and renaming it over the config.
        internal Action<string>? BeforeReplace { get; set; }
    }

    /// <summary>Register-OctoHaPollingTentacle / `octoha tentacle register`.</summary>
    public sealed class PollingRegisterRequest : TentacleChangeRequest
    {
        /// <summary>Node names or comms addresses (host, host:port, https://host:port); with UniquePortHost, only their count matters.</summary>
        public IList<string> Nodes { get; set; } = new List<string>();

        /// <summary>Unique-port mode: every node is reached through this one host, on FirstPort, FirstPort+1, ...</summary>
        public string? UniquePortHost { get; set; }

        public int FirstPort { get; set; } = TentacleAddress.DefaultPort;

        public RegistrationMethod Method { get; set; } = RegistrationMethod.ConfigFile;

        /// <summary>The cluster's certificate thumbprint; only needed when the Tentacle polls servers with several.</summary>
        public string? Thumbprint { get; set; }

        /// <summary>For the PollServer method: the server URL and API key poll-server calls the API with.</summary>
        public OctopusConnection? Connection { get; set; }
    }

    /// <summary>Unregister-OctoHaPollingTentacle / `octoha tentacle prune`: give exactly one of Remove and Keep.</summary>
    public sealed class PollingUnregisterRequest : TentacleChangeRequest
    {
        /// <summary>Remove the entries with these addresses (retired nodes).</summary>
        public IList<string>? Remove { get; set; }

        /// <summary>Keep only these polling addresses (the move to one load-balanced address, as `clear-trusted-servers --keep`).</summary>
        public IList<string>? Keep { get; set; }

        /// <summary>Allow removing the last polling entry.</summary>
        public bool Force { get; set; }
    }
}
