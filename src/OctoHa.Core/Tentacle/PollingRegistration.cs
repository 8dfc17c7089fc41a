using System;
using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// The polling registration of a Tentacle: the server thumbprint and SubscriptionId every HA node's entry shares.
    /// New node entries copy it and differ only in Address (as poll-server does).
    /// </summary>
    public sealed class PollingRegistration
    {
        private PollingRegistration(TrustedServer first, List<TrustedServer> entries)
        {
            Thumbprint = first.Thumbprint;
            SubscriptionId = first.SubscriptionId!;
            Squid = first.Squid;
            Entries = entries;
        }

        public string Thumbprint { get; }
        public string SubscriptionId { get; }
        public string? Squid { get; }

        /// <summary>The polling entries of this thumbprint, in file order.</summary>
        public IReadOnlyList<TrustedServer> Entries { get; }

        /// <summary>The node addresses already polled under this registration.</summary>
        public IReadOnlyList<TentacleAddress> Addresses => Entries.Select(e => e.ParsedAddress).Where(a => a != null).Select(a => a!).ToList();

        public bool Polls(TentacleAddress address) => Addresses.Contains(address);

        internal static PollingRegistration From(TentacleConfig config, string? thumbprint)
        {
            var polling = config.TrustedServers.Where(s => s.IsPolling).ToList();
            if (polling.Count == 0)
            {
                if (config.TrustedServers.Count > 0 && config.TrustedServers.All(s => s.CommunicationStyle == CommunicationStyles.TentaclePassive))
                    throw new OctoHaException("ListeningTentacle", OctoHaErrorKind.InvalidOperation,
                        $"The Tentacle of '{config.Path}' is a listening Tentacle (its trusted servers are all TentaclePassive), so it does not poll: " +
                        "every HA node connects to it directly. There is nothing to do for HA.", config.Path);
                throw new OctoHaException("NoPollingRegistration", OctoHaErrorKind.InvalidOperation,
                    $"The Tentacle of '{config.Path}' has no polling registration (no TentacleActive trusted server with a SubscriptionId). " +
                    "Register it first with `Tentacle register-with` or `Tentacle register-worker` (--comms-style TentacleActive); " +
                    "`Tentacle poll-server` would refuse for the same reason.", config.Path);
            }

            var groups = polling.GroupBy(s => s.Thumbprint, StringComparer.OrdinalIgnoreCase).ToList();
            if (thumbprint != null)
            {
                var chosen = groups.FirstOrDefault(g => string.Equals(g.Key, thumbprint.Trim(), StringComparison.OrdinalIgnoreCase));
                if (chosen == null)
                    throw new OctoHaException("NoPollingRegistration", OctoHaErrorKind.InvalidOperation,
                        $"The Tentacle of '{config.Path}' has no polling registration for thumbprint {thumbprint.Trim()}; it polls with " +
                        $"{string.Join(", ", groups.Select(g => g.Key))}. Pass one of those, or register with that server first.", config.Path);
                return new PollingRegistration(chosen.First(), chosen.ToList());
            }
            if (groups.Count > 1)
                throw new OctoHaException("AmbiguousRegistration", OctoHaErrorKind.InvalidArgument,
                    $"The Tentacle of '{config.Path}' polls servers with {groups.Count} different certificate thumbprints " +
                    $"({string.Join(", ", groups.Select(g => g.Key))}), so OctoHa cannot tell which is the HA cluster. Pass the thumbprint of the cluster's certificate.",
                    config.Path);
            return new PollingRegistration(groups[0].First(), groups[0].ToList());
        }
    }
}
