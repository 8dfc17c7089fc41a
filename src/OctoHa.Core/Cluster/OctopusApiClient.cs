using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OctoHa.Cluster
{
    /// <summary>
    /// A small Octopus REST client: X-Octopus-ApiKey on every call, a timeout per attempt, bounded retries with
    /// backoff for 5xx, 408, 429, timeouts and dropped connections, Page.Next paging, and Octopus error bodies
    /// turned into OctoHaExceptions that never carry the key.
    /// </summary>
    public sealed class OctopusApiClient : IDisposable
    {
        private const string ApiKeyHeader = "X-Octopus-ApiKey";
        private const int MaxPages = 10000;

        private readonly OctopusConnection _connection;
        private readonly HttpClient _http;
        private readonly IOperationObserver _observer;
        private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

        public OctopusApiClient(OctopusConnection connection, IOperationObserver? observer = null)
        {
            _connection = connection;
            _observer = observer ?? NullObserver.Instance;
            _http = new HttpClient(HttpHandlers.Create(connection.SkipCertificateCheck)) { Timeout = Timeout.InfiniteTimeSpan };
            _pipeline = BuildPipeline();
        }

        public OctopusConnection Connection => _connection;

        public Task<JsonElement> GetAsync(string path, CancellationToken ct, bool authenticate = true) =>
            SendAsync(HttpMethod.Get, path, null, ct, authenticate);

        public Task<JsonElement> PutAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

        public Task<JsonElement> PostAsync(string path, JsonNode? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

        public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

        /// <summary>Every item of a collection, following Links["Page.Next"]: a server may return fewer items than asked for.</summary>
        public async Task<List<JsonElement>> GetAllPagesAsync(string path, CancellationToken ct)
        {
            var items = new List<JsonElement>();
            string? next = path;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int page = 0; next != null && page < MaxPages; page++)
            {
                if (!seen.Add(next)) break; // a server repeating a link must not loop us forever
                JsonElement body = await GetAsync(next, ct).ConfigureAwait(false);
                if (!body.TryGetProperty("Items", out JsonElement pageItems) || pageItems.ValueKind != JsonValueKind.Array) break;
                int before = items.Count;
                foreach (JsonElement item in pageItems.EnumerateArray()) items.Add(item.Clone());
                if (items.Count == before) break;
                next = Json.Link(body, "Page.Next");
            }
            return items;
        }

        private async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct, bool authenticate = true)
        {
            Uri uri = Resolve(path);
            string payload = body?.ToJsonString() ?? "";
            HttpResponseMessage response;
            try
            {
                response = await _pipeline.ExecuteAsync(async token =>
                {
                    using var request = new HttpRequestMessage(method, uri);
                    if (authenticate) request.Headers.Add(ApiKeyHeader, _connection.ApiKey.Reveal());
                    request.Headers.Accept.ParseAdd("application/json");
                    if (body != null) request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (TimeoutRejectedException)
            {
                throw OctopusErrors.Timeout(method, uri, _connection);
            }
            catch (HttpRequestException ex)
            {
                throw OctopusErrors.Unreachable(method, uri, _connection, ex);
            }

            using (response)
            {
                string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw OctopusErrors.FromResponse(method, uri, response.StatusCode, text, _connection);
                if (string.IsNullOrWhiteSpace(text)) return default;
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    return doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new OctoHaException("UnexpectedResponse", OctoHaErrorKind.InvalidData,
                        $"{method} {uri.AbsolutePath} answered HTTP {(int)response.StatusCode} with a body that is not JSON. Check that {_connection.ServerUrl} is an Octopus Server and not a proxy or login page.",
                        uri.AbsolutePath);
                }
            }
        }

        // Octopus links are rooted ("/api/...") or app-relative ("~/api/..."); both hang off the server's base address.
        private Uri Resolve(string path)
        {
            if (Uri.TryCreate(path, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)) return absolute;
            string relative = path.StartsWith("~/", StringComparison.Ordinal) ? path.Substring(2)
                : path.StartsWith("/", StringComparison.Ordinal) && _connection.ServerUrl.AbsolutePath != "/" && path.StartsWith(_connection.ServerUrl.AbsolutePath, StringComparison.OrdinalIgnoreCase)
                    ? path.Substring(_connection.ServerUrl.AbsolutePath.Length)
                    : path.TrimStart('/');
            return new Uri(_connection.ServerUrl, relative);
        }

        private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
            if (_connection.RetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = _connection.RetryCount,
                    Delay = _connection.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                        .Handle<HttpRequestException>()
                        .Handle<TimeoutRejectedException>()
                        .HandleResult(r => IsTransient(r.StatusCode)),
                    OnRetry = args =>
                    {
                        string why = args.Outcome.Exception != null ? args.Outcome.Exception.GetType().Name : "HTTP " + (int)args.Outcome.Result!.StatusCode;
                        args.Outcome.Result?.Dispose();
                        _observer.Verbose($"Retrying after {why} (attempt {args.AttemptNumber + 2} of {_connection.RetryCount + 1}, waiting {args.RetryDelay.TotalSeconds:0.0}s).");
                        return default;
                    },
                });
            }
            builder.AddTimeout(_connection.RequestTimeout);
            return builder.Build();
        }

        private static bool IsTransient(HttpStatusCode status) =>
            (int)status >= 500 || status == HttpStatusCode.RequestTimeout || (int)status == 429;

        public void Dispose() => _http.Dispose();
    }
}
