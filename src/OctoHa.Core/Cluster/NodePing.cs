using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Cluster
{
    /// <summary>
    /// Test-OctoHaNode / `octoha node ping`: GET {node}/api/octopusservernodes/ping on each node's own address, all
    /// at once, so one hung node costs one timeout, not one per node. 200 is Online, 418 Draining, anything else
    /// (or no answer in time) Offline. No retries: this is a health probe, as a load balancer would make it.
    /// </summary>
    public static class NodePing
    {
        public const string PingPath = "api/octopusservernodes/ping";

        public static async Task<IReadOnlyList<PingResult>> PingAsync(PingRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            observer ??= NullObserver.Instance;
            if (request.Urls.Count == 0)
                throw new OctoHaException("NodeUrlMissing", OctoHaErrorKind.InvalidArgument, "No node URL was given. Give each node's own address, e.g. https://octo1.example.com.", "Url");
            if (request.Timeout <= TimeSpan.Zero)
                throw new OctoHaException("InvalidTimeout", OctoHaErrorKind.InvalidArgument, $"The ping timeout must be more than 0 seconds ({request.Timeout.TotalSeconds} was given).", "Timeout");
            // Check every URL before pinging any, so bad input fails cleanly.
            var targets = request.Urls.Select(u => (Given: u, Uri: PingUri(u))).ToList();

            using var http = new HttpClient(HttpHandlers.Create(request.SkipCertificateCheck)) { Timeout = Timeout.InfiniteTimeSpan };
            var results = await Task.WhenAll(targets.Select(t => PingOneAsync(http, t.Given, t.Uri, request.Timeout, ct))).ConfigureAwait(false);
            foreach (var r in results) observer.Verbose($"{r.Url}: {r.State} ({(r.StatusCode?.ToString() ?? "no answer")}, {r.LatencyMs:0} ms)");
            return results;
        }

        internal static Uri PingUri(string url)
        {
            Uri baseUri = OctopusConnection.ParseServerUrl(url, "Url");
            string path = baseUri.AbsolutePath.TrimEnd('/');
            if (path.EndsWith("/" + PingPath, StringComparison.OrdinalIgnoreCase)) return new Uri(baseUri.GetLeftPart(UriPartial.Authority) + path);
            return new Uri(baseUri, PingPath);
        }

        private static async Task<PingResult> PingOneAsync(HttpClient http, string given, Uri uri, TimeSpan timeout, CancellationToken ct)
        {
            var result = new PingResult { Url = given, State = NodeState.Offline };
            var watch = Stopwatch.StartNew();
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeoutSource.CancelAfter(timeout);
            try
            {
                using var response = await http.GetAsync(uri, timeoutSource.Token).ConfigureAwait(false);
                string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                result.LatencyMs = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
                result.StatusCode = (int)response.StatusCode;
                result.State = result.StatusCode == 200 ? NodeState.Online : result.StatusCode == 418 ? NodeState.Draining : NodeState.Offline;
                ReadBody(result, body);
                if (result.State == NodeState.Offline) result.Error = $"HTTP {result.StatusCode}: a node that is up answers 200, or 418 while draining.";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                result.LatencyMs = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
                result.Error = $"No answer within {timeout.TotalSeconds:0.#} s.";
            }
            catch (HttpRequestException ex)
            {
                result.LatencyMs = Math.Round(watch.Elapsed.TotalMilliseconds, 1);
                result.Error = OctopusErrors.Innermost(ex).Message;
            }
            return result;
        }

        private static void ReadBody(PingResult result, string body)
        {
            if (string.IsNullOrWhiteSpace(body)) return;
            try
            {
                using var doc = JsonDocument.Parse(body);
                result.Json = body;
                result.Name = Json.String(doc.RootElement, "Name");
                result.Version = Json.String(doc.RootElement, "Version");
                result.Draining = Json.Bool(doc.RootElement, "IsInMaintenanceMode");
            }
            catch (JsonException)
            {
                // Not the node's JSON (a proxy page, say): keep the status, drop the body.
            }
        }
    }
}
