using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Emulator;
using Xunit;

namespace OctoHa.Tests.Emulator
{
    /// <summary>Starts emulated clusters with fast clocks and talks to them over real loopback HTTP.</summary>
    internal static class EmulatorHttp
    {
        /// <summary>How long a poll may wait for something that should happen within a few ticks.</summary>
        public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

        public static Task<EmulatedCluster> StartAsync(Action<EmulatorOptions>? configure = null)
        {
            var options = new EmulatorOptions
            {
                Tick = TimeSpan.FromMilliseconds(20),
                HeartbeatInterval = TimeSpan.FromMilliseconds(200),
                CancelDelay = TimeSpan.FromMilliseconds(100),
            };
            configure?.Invoke(options);
            return EmulatedCluster.StartAsync(options);
        }

        /// <summary>A client for the cluster's API ("load balancer") port; key null sends no key.</summary>
        public static HttpClient Client(EmulatedCluster cluster, string? apiKey) => Client(cluster.ApiUrl, apiKey);

        public static HttpClient Client(EmulatedCluster cluster) => Client(cluster.ApiUrl, cluster.ApiKey);

        public static HttpClient Client(Uri baseAddress, string? apiKey, TimeSpan? timeout = null)
        {
            var client = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
            if (apiKey != null) client.DefaultRequestHeaders.Add("X-Octopus-ApiKey", apiKey);
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return client;
        }

        public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
        {
            using var response = await client.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {text}");
            return Parse(text);
        }

        public static async Task<(int Status, JsonElement Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object? body = null, string? methodOverride = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body != null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            if (methodOverride != null) request.Headers.Add("X-HTTP-Method-Override", methodOverride);
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, Parse(await response.Content.ReadAsStringAsync()));
        }

        public static JsonElement Parse(string text)
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }

        /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after a generous bound.</summary>
        public static async Task EventuallyAsync(Func<bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Bound;
            while (!condition())
            {
                if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting until " + what);
                await Task.Delay(20);
            }
        }

        public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
        {
            var deadline = DateTime.UtcNow + Bound;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline) Assert.Fail("Timed out waiting until " + what);
                await Task.Delay(20);
            }
        }

        /// <summary>Asserts that connecting is refused (the port is closed), not merely slow or reset.</summary>
        public static async Task AssertRefusedAsync(Uri url)
        {
            using var client = Client(url, null);
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/octopusservernodes/ping"));
            var socket = Assert.IsType<SocketException>(e.InnerException);
            Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
        }

        public static void AssertErrorBody(JsonElement body)
        {
            Assert.Equal(JsonValueKind.String, body.GetProperty("ErrorMessage").ValueKind);
            Assert.Equal(JsonValueKind.Array, body.GetProperty("Errors").ValueKind);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("FullException").ValueKind);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("HelpText").ValueKind);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("Details").ValueKind);
        }

        public static object NodeBody(EmulatedNode node, int? cap = null, bool? drain = null) => new
        {
            Id = node.Id,
            Name = node.Name,
            MaxConcurrentTasks = cap ?? node.TaskCap,
            IsInMaintenanceMode = drain ?? node.IsDraining,
        };
    }
}
