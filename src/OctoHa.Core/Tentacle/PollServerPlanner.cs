using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using OctoHa.Processes;

namespace OctoHa.Tentacle
{
    /// <summary>Inputs for the poll-server method: the Tentacle runs one `poll-server` per node it is missing.</summary>
    public sealed class PollServerRequest
    {
        /// <summary>The Tentacle instance (--instance); when empty, <see cref="ConfigPath"/> is passed as --config instead.</summary>
        public string? Instance { get; set; }
        public string? ConfigPath { get; set; }

        /// <summary>The Octopus Server web address for the API call poll-server makes (--server).</summary>
        public string ServerUrl { get; set; } = "";
        public string ApiKey { get; set; } = "";
        public IList<TentacleAddress> Nodes { get; set; } = new List<TentacleAddress>();

        /// <summary>Same host for every node, told apart by port: pass the host as the address and the port as --server-comms-port.</summary>
        public bool UniquePort { get; set; }

        public string? Thumbprint { get; set; }

        /// <summary>The Tentacle binary; defaults to <see cref="PollServerPlanner.DefaultTentaclePath"/>.</summary>
        public string? TentaclePath { get; set; }
    }

    /// <summary>One `Tentacle poll-server` command line. <see cref="ExternalCommand.Arguments"/> holds the real API key; print Render().</summary>
    public sealed class PollServerCommand : ExternalCommand
    {
        internal PollServerCommand(string fileName, IReadOnlyList<string> arguments, TentacleAddress node, string apiKey)
            : base(fileName, arguments, new[] { apiKey })
        {
            Node = node;
        }

        /// <summary>The node this command makes the Tentacle poll.</summary>
        public TentacleAddress Node { get; }

        protected override string MaskOf(string secret) => PollServerPlanner.MaskedKey;
    }

    /// <summary>Builds (never runs) the poll-server commands for the nodes a polling Tentacle does not poll yet.</summary>
    public static class PollServerPlanner
    {
        public const string MaskedKey = "API-********";
        public const string WindowsTentaclePath = @"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe";
        public const string LinuxTentaclePath = "/opt/octopus/tentacle/Tentacle";

        public static string DefaultTentaclePath() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? WindowsTentaclePath : LinuxTentaclePath;

        /// <summary>
        /// One command per missing node. poll-server refuses without an existing polling registration, so the plan does too.
        /// </summary>
        public static IReadOnlyList<PollServerCommand> Plan(TentacleConfig config, PollServerRequest request)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(request.ServerUrl))
                throw new OctoHaException("ServerUrlMissing", OctoHaErrorKind.InvalidArgument,
                    "poll-server needs the Octopus Server URL (--server) to fetch the server certificate; give the server URL.");
            if (string.IsNullOrWhiteSpace(request.ApiKey))
                throw new OctoHaException("ApiKeyMissing", OctoHaErrorKind.InvalidArgument,
                    "poll-server needs an API key (--apiKey); give one from the Octopus web portal (your profile, API keys).");
            if (request.UniquePort && request.Nodes.Select(n => n.SchemeAndHost.ToLowerInvariant()).Distinct().Count() > 1)
                throw new OctoHaException("UniquePortNeedsOneHost", OctoHaErrorKind.InvalidArgument,
                    "Unique-port mode means every node is reached through one host on its own port, but the nodes name several hosts. " +
                    "Use one host, or leave unique-port mode off.");

            var registration = config.GetPollingRegistration(request.Thumbprint);
            var polled = new HashSet<TentacleAddress>(registration.Addresses);
            string exe = string.IsNullOrWhiteSpace(request.TentaclePath) ? DefaultTentaclePath() : request.TentaclePath!;
            var commands = new List<PollServerCommand>();
            foreach (var node in request.Nodes)
            {
                if (!polled.Add(node)) continue;
                var args = new List<string> { "poll-server" };
                if (!string.IsNullOrWhiteSpace(request.Instance)) { args.Add("--instance"); args.Add(request.Instance!); }
                else if (!string.IsNullOrWhiteSpace(request.ConfigPath)) { args.Add("--config"); args.Add(request.ConfigPath!); }
                args.Add("--server"); args.Add(request.ServerUrl);
                args.Add("--apiKey"); args.Add(request.ApiKey);
                if (node.IsWebSocket)
                {
                    // A websocket node is named whole: Tentacle takes wss:// only through --server-web-socket.
                    args.Add("--server-web-socket"); args.Add(node.ToString());
                }
                else if (request.UniquePort)
                {
                    // --server-comms-port takes precedence over any port inside --server-comms-address.
                    args.Add("--server-comms-address"); args.Add(node.SchemeAndHost);
                    args.Add("--server-comms-port"); args.Add(node.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    args.Add("--server-comms-address"); args.Add(node.ToString());
                }
                commands.Add(new PollServerCommand(exe, args, node, request.ApiKey));
            }
            return commands;
        }

        /// <summary>Replaces every occurrence of the key in a text with API-********.</summary>
        public static string Mask(string text, string apiKey) =>
            string.IsNullOrEmpty(apiKey) ? text : text.Replace(apiKey, MaskedKey);
    }
}
