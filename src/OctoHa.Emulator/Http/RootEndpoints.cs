using OctoHa.Emulator.Json;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Http
{
    /// <summary>The endpoints that answer for "the node that received the request": GET /api and the ping.</summary>
    internal static class RootEndpoints
    {
        public static Reply Root(ApiRequest request)
        {
            lock (request.State.Gate)
            {
                var node = AnsweringNode(request);
                var version = node?.Version ?? request.State.Options.Version;
                return Reply.Ok(RootJson.Create(version, request.Cluster.InstallationId));
            }
        }

        /// <summary>200 when up and not draining, 418 when draining; the body is the node's status either way.</summary>
        public static Reply Ping(ApiRequest request)
        {
            lock (request.State.Gate)
            {
                var node = AnsweringNode(request);
                if (node == null) return new Reply(503, ErrorJson.Create("No node is answering."));
                var body = NodeJson.Ping(node, request.State.IsOffline(node, System.DateTimeOffset.UtcNow));
                return new Reply(node.IsDraining ? 418 : 200, body);
            }
        }

        /// <summary>On a node's own port, that node; on the API port, the node the load balancer picked.</summary>
        private static NodeRecord? AnsweringNode(ApiRequest request) => request.OwnNode ?? request.State.ServingNode();
    }
}
