using System;
using System.Collections.Generic;
using System.Globalization;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// The comms address of one Octopus Server node as a polling Tentacle sees it: scheme, host and port.
    /// Two addresses are the same when scheme, host (any case) and port match; a trailing slash or path is ignored.
    /// </summary>
    public sealed class TentacleAddress : IEquatable<TentacleAddress>
    {
        /// <summary>The polling comms port Octopus Server listens on unless configured otherwise.</summary>
        public const int DefaultPort = 10943;

        private TentacleAddress(string scheme, string host, int port, string path = "")
        {
            Scheme = scheme;
            Host = host;
            Port = port;
            Path = path;
        }

        public string Scheme { get; }
        public string Host { get; }
        public int Port { get; }

        /// <summary>A websocket (wss) address's path, such as /OctopusComms; empty for https, where a path means nothing.</summary>
        public string Path { get; }

        /// <summary>Polling over a websocket (poll-server --server-web-socket) rather than TCP.</summary>
        public bool IsWebSocket => Scheme == "wss";

        /// <summary>Scheme and host only (no port), as poll-server takes it with a separate --server-comms-port.</summary>
        public string SchemeAndHost => $"{Scheme}://{UriHost}";

        private string UriHost => Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;

        /// <summary>Parses "host", "host:port" or "https://host:port[/]". Without a scheme: https; without a port: 10943.</summary>
        public static TentacleAddress Parse(string text)
        {
            if (TryParse(text, out var address, out string why)) return address!;
            throw new OctoHaException("InvalidNodeAddress", OctoHaErrorKind.InvalidArgument,
                $"'{text}' is not a node comms address: {why}. Give it as host, host:port or https://host:port (the port defaults to {DefaultPort}).", text);
        }

        public static bool TryParse(string? text, out TentacleAddress? address) => TryParse(text, out address, out _);

        private static bool TryParse(string? text, out TentacleAddress? address, out string why)
        {
            address = null;
            why = "it is empty";
            if (string.IsNullOrWhiteSpace(text)) return false;
            string rest = text!.Trim();
            string scheme = "https";
            int sep = rest.IndexOf("://", StringComparison.Ordinal);
            if (sep >= 0)
            {
                scheme = rest.Substring(0, sep).ToLowerInvariant();
                rest = rest.Substring(sep + 3);
                if (scheme != "https" && scheme != "wss") { why = $"the scheme '{scheme}' is not https or wss"; return false; }
            }
            int end = rest.IndexOfAny(new[] { '/', '?', '#' });
            string path = "";
            if (end >= 0)
            {
                // Only a websocket address keeps its path (wss://host/OctopusComms); an https comms address has none.
                if (scheme == "wss" && rest[end] == '/') path = rest.Substring(end).Split('?', '#')[0].TrimEnd('/');
                rest = rest.Substring(0, end);
            }
            if (rest.IndexOf('@') >= 0) { why = "it carries user information"; return false; }

            string host;
            string? portText = null;
            if (rest.StartsWith("[", StringComparison.Ordinal))
            {
                int close = rest.IndexOf(']');
                if (close < 0) { why = "the IPv6 address has no closing ']'"; return false; }
                host = rest.Substring(1, close - 1);
                string after = rest.Substring(close + 1);
                if (after.Length > 0)
                {
                    if (after[0] != ':') { why = "unexpected text after the IPv6 address"; return false; }
                    portText = after.Substring(1);
                }
            }
            else
            {
                int colon = rest.IndexOf(':');
                if (colon >= 0 && rest.IndexOf(':', colon + 1) >= 0) { why = "an IPv6 address must be in brackets, e.g. [::1]:10943"; return false; }
                host = colon >= 0 ? rest.Substring(0, colon) : rest;
                if (colon >= 0) portText = rest.Substring(colon + 1);
            }

            if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown) { why = $"'{host}' is not a host name or IP address"; return false; }
            int port = scheme == "wss" ? 443 : DefaultPort;
            if (portText != null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535))
            {
                why = $"'{portText}' is not a port number (1-65535)";
                return false;
            }
            address = new TentacleAddress(scheme, host.ToLowerInvariant(), port, path);
            return true;
        }

        /// <summary>
        /// Same host, one port per node (a load balancer that NATs 10943, 10944, ... to each node): firstPort, firstPort+1, ...
        /// </summary>
        public static IReadOnlyList<TentacleAddress> UniquePorts(string host, int firstPort, int count)
        {
            if (count < 1) throw new OctoHaException("InvalidNodeCount", OctoHaErrorKind.InvalidArgument, $"The node count must be at least 1, not {count}.", nameof(count));
            if (firstPort < 1 || firstPort + count - 1 > 65535)
                throw new OctoHaException("InvalidNodePort", OctoHaErrorKind.InvalidArgument,
                    $"Ports {firstPort} to {firstPort + count - 1} do not fit in 1-65535. Choose a lower first port.", nameof(firstPort));
            var h = Parse(host);
            var list = new List<TentacleAddress>();
            for (int i = 0; i < count; i++) list.Add(new TentacleAddress(h.Scheme, h.Host, firstPort + i));
            return list;
        }

        /// <summary>The form Tentacle's poll-server writes: https://host:port, no trailing slash.</summary>
        public override string ToString() => $"{Scheme}://{UriHost}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}";

        public bool Equals(TentacleAddress? other) =>
            other != null && Port == other.Port
            && string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as TentacleAddress);

        public override int GetHashCode() =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(Scheme) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Host) ^ Port ^ StringComparer.OrdinalIgnoreCase.GetHashCode(Path);
    }
}
