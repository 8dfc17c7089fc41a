using System;
using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Tentacle
{
    /// <summary>One entry of Tentacle.Communication.TrustedOctopusServers: an Octopus Server this Tentacle trusts.</summary>
    public sealed class TrustedServer
    {
        private readonly List<KeyValuePair<string, string>> _extras;

        public TrustedServer(string thumbprint, int communicationStyle, string? address, string? subscriptionId, string? squid)
            : this(thumbprint, communicationStyle, address, subscriptionId, squid, new List<KeyValuePair<string, string>>())
        {
        }

        internal TrustedServer(string thumbprint, int communicationStyle, string? address, string? subscriptionId, string? squid,
            List<KeyValuePair<string, string>> extras)
        {
            Thumbprint = (thumbprint ?? "").Trim();
            CommunicationStyle = communicationStyle;
            Address = address;
            SubscriptionId = subscriptionId;
            Squid = squid;
            _extras = extras;
        }

        public string Thumbprint { get; }
        public int CommunicationStyle { get; }
        public string CommunicationStyleName => CommunicationStyles.NameOf(CommunicationStyle);
        public string? Address { get; }
        public string? SubscriptionId { get; }
        public string? Squid { get; }

        /// <summary>Properties OctoHa does not model (e.g. KubernetesTentacleCommunicationMode); written back unchanged.</summary>
        public IReadOnlyList<string> OtherPropertyNames => _extras.Select(e => e.Key).ToList();

        // Raw JSON text of each unmodelled property, in file order.
        internal IReadOnlyList<KeyValuePair<string, string>> Extras => _extras;

        /// <summary>A polling registration: poll-server can only add nodes beside one of these.</summary>
        public bool IsPolling => CommunicationStyle == CommunicationStyles.TentacleActive && !string.IsNullOrWhiteSpace(SubscriptionId);

        /// <summary>The parsed address, or null when the entry has none or it is not an address OctoHa understands.</summary>
        public TentacleAddress? ParsedAddress => TentacleAddress.TryParse(Address, out var a) ? a : null;

        internal bool SameThumbprint(string thumbprint) => string.Equals(Thumbprint, thumbprint.Trim(), StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{CommunicationStyleName} {Address ?? "(no address)"} {Thumbprint}";
    }
}
