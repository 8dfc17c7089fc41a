using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using OctoHa.Emulator.Json;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Http
{
    /// <summary>
    /// The request pipeline of one port, in the order a real request meets things:
    /// a hung process, injected network faults, the load balancer, method override, authentication, the endpoint.
    /// </summary>
    internal sealed class RequestHandler
    {
        private readonly EmulatedCluster _cluster;
        private readonly NodeRecord? _ownNode;

        /// <param name="ownNode">The node this port belongs to; null for the API ("load balancer") port.</param>
        public RequestHandler(EmulatedCluster cluster, NodeRecord? ownNode)
        {
            _cluster = cluster;
            _ownNode = ownNode;
        }

        public async Task HandleAsync(HttpContext ctx, CancellationToken stopping)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            var ct = linked.Token;
            try
            {
                await WaitWhileHungAsync(ct).ConfigureAwait(false);

                var path = ctx.Request.Path.Value ?? "/";
                var fault = _cluster.Faults.Take(path);
                if (fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, ct).ConfigureAwait(false);
                if (fault.Kind == FaultInjector.FaultKind.Drop) { ctx.Abort(); return; }
                if (fault.Kind == FaultInjector.FaultKind.Status)
                {
                    await WriteAsync(ctx, new Reply(fault.StatusCode, ErrorJson.Create(
                        "Emulated fault: HTTP " + fault.StatusCode + " injected by the OctoHa emulator.")), ct).ConfigureAwait(false);
                    return;
                }

                var request = new ApiRequest(ctx, EffectiveMethod(ctx.Request), _cluster, _ownNode, ct);
                var reply = await RouteAsync(request).ConfigureAwait(false);
                await WriteAsync(ctx, reply, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                ctx.Abort(); // the client went away or the listener is stopping
            }
            catch (Exception e) when (!ctx.Response.HasStarted)
            {
                // An emulator bug still answers the way Octopus reports a server error.
                var body = ErrorJson.Create("The emulator failed to handle the request: " + e.Message);
                body["FullException"] = e.ToString();
                await WriteAsync(ctx, new Reply(500, body), CancellationToken.None).ConfigureAwait(false);
            }
        }

        private async Task<Reply> RouteAsync(ApiRequest request)
        {
            var segments = request.Segments;
            if (segments.Length > 0 && ApiRequest.Is(segments[0], "emulator") && _ownNode == null)
            {
                var denied = Authorize(request);
                return denied ?? await ControlEndpoints.HandleAsync(request).ConfigureAwait(false);
            }

            if (segments.Length == 0 || !ApiRequest.Is(segments[0], "api"))
                return Reply.NotFound(request.Path);

            // The load balancer has nothing to send the request to when every node is down or hung.
            if (_ownNode == null)
            {
                bool anyServing;
                lock (request.State.Gate) anyServing = request.State.ServingNode() != null;
                if (!anyServing)
                    return new Reply(503, ErrorJson.Create("Service unavailable: no Octopus Server node behind the load balancer is answering."));
            }

            if (!IsAnonymous(request))
            {
                var denied = Authorize(request);
                if (denied.HasValue) return denied.Value;
            }

            return await ApiRoutes.HandleAsync(request).ConfigureAwait(false);
        }

        /// <summary>GET /api and the ping need no key (load balancers and probes call them bare).</summary>
        private static bool IsAnonymous(ApiRequest request)
        {
            var s = request.Segments;
            if (!request.IsGet) return false;
            return s.Length == 1
                || (s.Length == 3 && ApiRequest.Is(s[1], "octopusservernodes") && ApiRequest.Is(s[2], "ping"));
        }

        private Reply? Authorize(ApiRequest request)
        {
            var access = ApiAuth.Check(request.Context.Request, _cluster.ApiKey, _cluster.Options.ReadOnlyApiKey);
            if (access == ApiAuth.Access.None) return new Reply(401, ErrorJson.Unauthorized());
            if (access == ApiAuth.Access.ReadOnly && !request.IsGet) return new Reply(403, ErrorJson.Forbidden("ConfigureServer"));
            return null;
        }

        /// <summary>Octopus.Client sends PUT and DELETE as POST with X-HTTP-Method-Override.</summary>
        private static string EffectiveMethod(HttpRequest request)
        {
            if (HttpMethods.IsPost(request.Method))
            {
                var overridden = request.Headers["X-HTTP-Method-Override"].ToString().Trim();
                if (HttpMethods.IsPut(overridden)) return HttpMethods.Put;
                if (HttpMethods.IsDelete(overridden)) return HttpMethods.Delete;
            }
            return HttpMethods.GetCanonicalizedValue(request.Method);
        }

        /// <summary>A hung node's port holds the request until the node is unhung, the client gives up, or the port closes.</summary>
        private Task WaitWhileHungAsync(CancellationToken ct)
        {
            if (_ownNode == null) return Task.CompletedTask;
            lock (_cluster.State.Gate)
            {
                return _ownNode.IsHung ? _ownNode.HangRelease.Task.WaitAsync(ct) : Task.CompletedTask;
            }
        }

        private static async Task WriteAsync(HttpContext ctx, Reply reply, CancellationToken ct)
        {
            ctx.Response.StatusCode = reply.Status;
            ctx.Response.Headers["X-OctoHa-Emulator"] = "true"; // honest: this is not Octopus Server
            ctx.Response.ContentType = "application/json; charset=utf-8";
            if (HttpMethods.IsHead(ctx.Request.Method)) return;
            await ctx.Response.WriteAsync(JsonText.Write(reply.Body), ct).ConfigureAwait(false);
        }
    }
}
