using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>API keys and the Octopus error body on 401, 403 and 404.</summary>
    public sealed class AuthTests
    {
        private const string LoggedOut = "You must be logged in to perform this action. Please provide a valid API key or log in again.";

        [Theory]
        [InlineData(null)]
        [InlineData("API-WRONGWRONGWRONGWRONGWRONG")]
        public async Task Missing_or_wrong_key_gets_401_with_the_octopus_error_body(string? key)
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster, key);

            foreach (var path in new[] { "api/octopusservernodes", "api/octopusservernodes/summary", "api/tasks", "emulator" })
            {
                var (status, body) = await client.SendJsonAsync(HttpMethod.Get, path);
                Assert.Equal(401, status);
                AssertErrorBody(body);
                Assert.Equal(LoggedOut, body.GetProperty("ErrorMessage").GetString());
            }
        }

        [Fact]
        public async Task Root_and_ping_need_no_key_and_the_key_is_also_accepted_the_older_ways()
        {
            await using var cluster = await StartAsync(o => o.ApiKey = "API-TESTKEY1234567890ABCDEFGH");
            Assert.Equal("API-TESTKEY1234567890ABCDEFGH", cluster.ApiKey);
            using var anonymous = Client(cluster, null);

            var root = await anonymous.GetJsonAsync("api");
            Assert.Equal("Octopus Deploy", root.GetProperty("Application").GetString());
            Assert.Equal("2025.4.3000", root.GetProperty("Version").GetString());
            Assert.Equal("3.0.0", root.GetProperty("ApiVersion").GetString());
            Assert.Equal("/api/octopusservernodes/summary", root.GetProperty("Links").GetProperty("OctopusServerClusterSummary").GetString());
            Assert.Equal("/api/octopusservernodes{/id}{?skip,take,ids,partialName}", root.GetProperty("Links").GetProperty("OctopusServerNodes").GetString());
            await anonymous.GetJsonAsync("api/octopusservernodes/ping");

            await anonymous.GetJsonAsync("api/octopusservernodes?apikey=" + cluster.ApiKey);
            using var nuget = Client(cluster, null);
            nuget.DefaultRequestHeaders.Add("X-NuGet-ApiKey", cluster.ApiKey);
            await nuget.GetJsonAsync("api/octopusservernodes");
        }

        [Fact]
        public async Task A_generated_key_has_the_octopus_format()
        {
            // Octopus's Go client accepts ^(API-)([A-Z\d])+$.
            await using var cluster = await StartAsync();
            Assert.Matches("^API-[A-Z0-9]{26}$", cluster.ApiKey);
        }

        [Fact]
        public async Task The_read_only_key_may_read_but_gets_403_on_any_change()
        {
            await using var cluster = await StartAsync(o => o.ReadOnlyApiKey = "API-READONLY0000000000000000");
            using var reader = Client(cluster, "API-READONLY0000000000000000");
            var node = cluster.Nodes[0];

            await reader.GetJsonAsync("api/octopusservernodes/summary");

            var (status, body) = await reader.SendJsonAsync(HttpMethod.Put, "api/octopusservernodes/" + node.Id, NodeBody(node, cap: 1));
            Assert.Equal(403, status);
            AssertErrorBody(body);
            Assert.Contains("ConfigureServer", body.GetProperty("ErrorMessage").GetString());
            Assert.Equal(5, node.TaskCap);

            (status, _) = await reader.SendJsonAsync(HttpMethod.Post, "api/octopusservernodes/" + node.Id, NodeBody(node, cap: 1), methodOverride: "PUT");
            Assert.Equal(403, status);
            (status, _) = await reader.SendJsonAsync(HttpMethod.Delete, "api/octopusservernodes/" + node.Id);
            Assert.Equal(403, status);
            Assert.True(node.IsRegistered);
        }

        [Fact]
        public async Task Unknown_routes_and_ids_get_404_naming_what_was_missing()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);

            var (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/OctopusServerNodes-NOPE");
            Assert.Equal(404, status);
            AssertErrorBody(body);
            Assert.Contains("OctopusServerNodes-NOPE", body.GetProperty("ErrorMessage").GetString());

            (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/tasks/ServerTasks-999");
            Assert.Equal(404, status);
            Assert.Contains("ServerTasks-999", body.GetProperty("ErrorMessage").GetString());

            (status, body) = await client.SendJsonAsync(HttpMethod.Get, "api/nothing-here");
            Assert.Equal(404, status);
            Assert.Contains("/api/nothing-here", body.GetProperty("ErrorMessage").GetString());
        }
    }
}
