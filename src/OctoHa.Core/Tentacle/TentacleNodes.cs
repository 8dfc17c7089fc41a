using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Tentacle
{
    /// <summary>Turns what an admin types or pipes (node names, host:port, https://host:port) into node comms addresses.</summary>
    public static class TentacleNodes
    {
        /// <summary>The unique-port host, checked: unique-port mode needs a host, and a host means nothing without it.</summary>
        public static string? UniquePortHost(bool uniquePort, string? host)
        {
            bool hasHost = !string.IsNullOrWhiteSpace(host);
            if (uniquePort && !hasHost)
                throw new OctoHaException("UniquePortNeedsHost", OctoHaErrorKind.InvalidArgument,
                    "Unique-port mode reaches every node through one host on its own port: give that host (the load balancer's name).");
            if (!uniquePort && hasHost)
                throw new OctoHaException("HostNeedsUniquePort", OctoHaErrorKind.InvalidArgument,
                    "A host name is only used in unique-port mode (one host, one port per node). Add the unique-port switch, or leave the host out and name each node.");
            return uniquePort ? host!.Trim() : null;
        }

        /// <summary>
        /// Each node as its own address (a bare name means https://name:10943), or, with a unique-port host, that host on
        /// firstPort, firstPort+1, ... in the order the nodes were given.
        /// </summary>
        public static IReadOnlyList<TentacleAddress> Resolve(IEnumerable<string> nodes, string? uniquePortHost, int firstPort)
        {
            var given = (nodes ?? Enumerable.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
            if (given.Count == 0)
                throw new OctoHaException("NoNodesGiven", OctoHaErrorKind.InvalidArgument,
                    "No nodes were given. Name the nodes (their names, host:port or https://host:port), or pipe them from Get-OctoHaNode.");
            if (uniquePortHost != null)
            {
                int count = given.Distinct(System.StringComparer.OrdinalIgnoreCase).Count();
                return TentacleAddress.UniquePorts(uniquePortHost, firstPort, count);
            }
            return given.Select(TentacleAddress.Parse).Distinct().ToList();
        }
    }
}
