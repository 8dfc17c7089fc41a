using System.Collections.Generic;

namespace OctoHa.Tentacle
{
    /// <summary>One trusted server of a Tentacle, or (with -Node) a node it does not poll yet.</summary>
    public sealed class PollingTentacleServer
    {
        /// <summary>No nodes were given: the entry is simply listed.</summary>
        public const string Trusted = "Trusted";
        /// <summary>The entry polls one of the given nodes.</summary>
        public const string Polled = "Polled";
        /// <summary>A given node the Tentacle does not poll: Register-OctoHaPollingTentacle adds it.</summary>
        public const string Missing = "Missing";
        /// <summary>A polling entry for an address that is none of the given nodes (a retired node, or a load balancer).</summary>
        public const string Extra = "Extra";
        /// <summary>A listening (or other non-polling) entry; nodes connect to it, it polls nothing.</summary>
        public const string NotPolling = "NotPolling";

        internal PollingTentacleServer(string configPath, string? instance, string? address, string? thumbprint, string? style, string? subscriptionId, string status)
        {
            ConfigPath = configPath;
            Instance = instance;
            Address = address;
            Thumbprint = thumbprint;
            CommunicationStyle = style;
            SubscriptionId = subscriptionId;
            Status = status;
        }

        public string ConfigPath { get; }
        public string? Instance { get; }
        public string? Address { get; }
        public string? Thumbprint { get; }

        /// <summary>As a name: TentacleActive (polling), TentaclePassive (listening), ...</summary>
        public string? CommunicationStyle { get; }

        public string? SubscriptionId { get; }

        /// <summary>Trusted, Polled, Missing, Extra or NotPolling.</summary>
        public string Status { get; }

        public override string ToString() => $"{Status} {Address}";
    }

    /// <summary>What Register- or Unregister-OctoHaPollingTentacle changed in one Tentacle.</summary>
    public sealed class PollingTentacleChange
    {
        internal PollingTentacleChange(string configPath, string? instance, string method)
        {
            ConfigPath = configPath;
            Instance = instance;
            Method = method;
        }

        public string ConfigPath { get; }
        public string? Instance { get; }

        /// <summary>ConfigFile, PollServer or Prune.</summary>
        public string Method { get; }

        /// <summary>Addresses now polled that were not before.</summary>
        public IReadOnlyList<string> Added { get; internal set; } = new string[0];

        /// <summary>Trusted-server entries taken out (their address, or thumbprint when they have none).</summary>
        public IReadOnlyList<string> Removed { get; internal set; } = new string[0];

        /// <summary>Every polled address after the change.</summary>
        public IReadOnlyList<string> Polling { get; internal set; } = new string[0];

        /// <summary>Addresses given that matched nothing (nothing to remove, or nothing to keep).</summary>
        public IReadOnlyList<string> Unmatched { get; internal set; } = new string[0];

        /// <summary>The poll-server commands run (PollServer method), with the API key masked.</summary>
        public IReadOnlyList<string> Commands { get; internal set; } = new string[0];

        /// <summary>False when everything was already as asked.</summary>
        public bool Changed { get; internal set; }

        /// <summary>The copy of Tentacle.config taken just before it was replaced (ConfigFile method and Prune).</summary>
        public string? BackupPath { get; internal set; }

        public bool Restarted { get; internal set; }

        /// <summary>Tentacle reads its trusted servers at start: true when it changed and has not been restarted.</summary>
        public bool RestartNeeded => Changed && !Restarted;

        public override string ToString() => $"{ConfigPath}: +{Added.Count} -{Removed.Count}";
    }
}
