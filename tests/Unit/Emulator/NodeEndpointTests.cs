using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;
using static OctoHa.Tests.Emulator.EmulatorHttp;

namespace OctoHa.Tests.Emulator
{
    /// <summary>/api/octopusservernodes: list, paging, summary, details, PUT, DELETE.</summary>
    public sealed class NodeEndpointTests
    {
        [Fact]
        public async Task Take_is_capped_so_a_client_must_follow_Page_Next_to_see_every_node()
        {
            await using var cluster = await StartAsync(o => { o.Nodes = 5; o.MaxPageSize = 2; });
            using var client = Client(cluster);

            var names = new List<string>();
            string? next = "/api/octopusservernodes?take=30";
            int pages = 0;
            while (next != null)
            {
                var page = await client.GetJsonAsync(next);
                pages++;
                Assert.Equal("OctopusServerNode", page.GetProperty("ItemType").GetString());
                Assert.Equal(5, page.GetProperty("TotalResults").GetInt32());
                Assert.Equal(2, page.GetProperty("ItemsPerPage").GetInt32());
                Assert.Equal(3, page.GetProperty("NumberOfPages").GetInt32());
                Assert.Equal(2, page.GetProperty("LastPageNumber").GetInt32());
                Assert.True(page.GetProperty("Items").GetArrayLength() <= 2);
                names.AddRange(page.GetProperty("Items").EnumerateArray().Select(i => i.GetProperty("Name").GetString()!));
                var links = page.GetProperty("Links");
                Assert.StartsWith("/api/octopusservernodes?skip=", links.GetProperty("Page.Current").GetString());
                Assert.Equal("/api/octopusservernodes{/id}{?skip,take,ids,partialName}", links.GetProperty("Template").GetString());
                next = links.TryGetProperty("Page.Next", out var n) ? n.GetString() : null;
                Assert.True(pages <= 3, "Page.Next should stop after the last page");
            }

            Assert.Equal(3, pages);
            Assert.Equal(new[] { "OCTO-NODE-1", "OCTO-NODE-2", "OCTO-NODE-3", "OCTO-NODE-4", "OCTO-NODE-5" }, names);
        }

        [Fact]
        public async Task PartialName_and_ids_filter_and_all_returns_a_bare_array()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 3);
            using var client = Client(cluster);

            var byName = await client.GetJsonAsync("api/octopusservernodes?partialName=node-2");
            Assert.Equal("OCTO-NODE-2", Assert.Single(byName.GetProperty("Items").EnumerateArray()).GetProperty("Name").GetString());

            var byIds = await client.GetJsonAsync("api/octopusservernodes?ids=OctopusServerNodes-OCTO-NODE-1,OctopusServerNodes-OCTO-NODE-3");
            Assert.Equal(2, byIds.GetProperty("TotalResults").GetInt32());

            var all = await client.GetJsonAsync("api/octopusservernodes/all");
            Assert.Equal(JsonValueKind.Array, all.ValueKind);
            Assert.Equal(3, all.GetArrayLength());
        }

        [Fact]
        public async Task Node_resource_has_only_config_fields_and_summary_has_status_fields_with_the_right_types()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            var node = cluster.Nodes[0];

            var resource = await client.GetJsonAsync("api/octopusservernodes/" + node.Id);
            Assert.Equal("OctopusServerNodes-OCTO-NODE-1", resource.GetProperty("Id").GetString());
            Assert.Equal("OCTO-NODE-1", resource.GetProperty("Name").GetString());
            Assert.Equal(5, resource.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.False(resource.GetProperty("IsInMaintenanceMode").GetBoolean());
            Assert.Equal("/api/octopusservernodes/" + node.Id + "/details", resource.GetProperty("Links").GetProperty("Details").GetString());
            foreach (var removed in new[] { "LastSeen", "IsOffline", "Rank" })
                Assert.False(resource.TryGetProperty(removed, out _), removed + " was removed from the node resource in 2019");

            var summary = await client.GetJsonAsync("api/octopusservernodes/summary");
            var items = summary.GetProperty("Nodes").EnumerateArray().ToList();
            Assert.Equal(2, items.Count);
            var first = items[0];
            Assert.Equal(JsonValueKind.String, first.GetProperty("Id").ValueKind);
            Assert.Equal(JsonValueKind.String, first.GetProperty("Name").ValueKind);
            Assert.Equal(JsonValueKind.Number, first.GetProperty("MaxConcurrentTasks").ValueKind);
            Assert.Equal(JsonValueKind.False, first.GetProperty("IsInMaintenanceMode").ValueKind);
            Assert.Equal(JsonValueKind.False, first.GetProperty("IsOffline").ValueKind);
            Assert.Equal(JsonValueKind.Number, first.GetProperty("RunningTaskCount").ValueKind);
            Assert.Equal("2025.4.3000", first.GetProperty("Version").GetString());
            Assert.Equal(200, first.GetProperty("MaxSqlConnectionPoolSize").GetInt32());
            Assert.Equal(JsonValueKind.Number, first.GetProperty("RecommendedMaxSqlConnectionPoolSize").ValueKind);
            Assert.Equal("/api/octopusservernodes/" + node.Id, first.GetProperty("Links").GetProperty("Node").GetString());
            Assert.Equal(JsonValueKind.String, first.GetProperty("Links").GetProperty("Details").ValueKind);
            Assert.Equal(JsonValueKind.String, first.GetProperty("LastModifiedOn").ValueKind);
            Assert.True(first.TryGetProperty("LastModifiedBy", out _));

            // ISO-8601 with an explicit offset.
            var lastSeen = first.GetProperty("LastSeen").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$", lastSeen);
            Assert.True(DateTimeOffset.TryParse(lastSeen, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
            Assert.Equal(JsonValueKind.Object, summary.GetProperty("Links").ValueKind);

            var details = await client.GetJsonAsync("api/octopusservernodes/" + node.Id + "/details");
            Assert.Equal(0, details.GetProperty("RunningTasks").GetInt32());
            Assert.Equal(node.Id, details.GetProperty("Id").GetString());
        }

        [Fact]
        public async Task Put_changes_cap_and_drain_and_keeps_what_it_does_not_send()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            var node = cluster.Nodes[1];
            var url = "api/octopusservernodes/" + node.Id;

            var (status, body) = await client.SendJsonAsync(HttpMethod.Put, url, new { Id = node.Id, MaxConcurrentTasks = 2 });
            Assert.Equal(200, status);
            Assert.Equal(2, body.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.False(body.GetProperty("IsInMaintenanceMode").GetBoolean());

            // Name and unknown fields are ignored; the cap left out stays 2.
            (status, body) = await client.SendJsonAsync(HttpMethod.Put, url, new { Id = node.Id, Name = "RENAMED", IsInMaintenanceMode = true, Rank = "Leader" });
            Assert.Equal(200, status);
            Assert.Equal("OCTO-NODE-2", body.GetProperty("Name").GetString());
            Assert.Equal(2, body.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.True(body.GetProperty("IsInMaintenanceMode").GetBoolean());

            var reread = await client.GetJsonAsync(url);
            Assert.Equal(2, reread.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.True(reread.GetProperty("IsInMaintenanceMode").GetBoolean());
            Assert.Equal(2, node.TaskCap);
            Assert.True(node.IsDraining);
            Assert.Equal(5, cluster.Nodes[0].TaskCap); // the other nodes are untouched
        }

        [Fact]
        public async Task Post_with_method_override_acts_as_put_and_delete()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            var node = cluster.Nodes[0];
            var url = "api/octopusservernodes/" + node.Id;

            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, url, NodeBody(node, cap: 0), methodOverride: "PUT");
            Assert.Equal(200, status);
            Assert.Equal(0, body.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.Equal(0, node.TaskCap);

            await node.KillAsync(); // so it cannot re-add itself before we look
            (status, body) = await client.SendJsonAsync(HttpMethod.Post, url, null, methodOverride: "DELETE");
            Assert.Equal(200, status);
            Assert.Equal(JsonValueKind.Object, body.ValueKind);
            Assert.False(node.IsRegistered);
        }

        [Fact]
        public async Task Bad_puts_get_400_or_404_with_an_error_body()
        {
            await using var cluster = await StartAsync();
            using var client = Client(cluster);
            var node = cluster.Nodes[0];
            var url = "api/octopusservernodes/" + node.Id;

            var (status, body) = await client.SendJsonAsync(HttpMethod.Put, url, NodeBody(node, cap: -1));
            Assert.Equal(400, status);
            AssertErrorBody(body);
            Assert.Contains("MaxConcurrentTasks", body.GetProperty("Errors")[0].GetString());
            Assert.Equal(5, node.TaskCap);

            (status, body) = await client.SendJsonAsync(HttpMethod.Put, url, new { MaxConcurrentTasks = 1 });
            Assert.Equal(400, status);
            Assert.Contains("Id", body.GetProperty("Errors")[0].GetString());

            (status, _) = await client.SendJsonAsync(HttpMethod.Put, url, new { Id = cluster.Nodes[1].Id, MaxConcurrentTasks = 1 });
            Assert.Equal(400, status);

            (status, body) = await client.SendJsonAsync(HttpMethod.Put, "api/octopusservernodes/OctopusServerNodes-GHOST", new { Id = "OctopusServerNodes-GHOST", MaxConcurrentTasks = 1 });
            Assert.Equal(404, status);
            Assert.Contains("OctopusServerNodes-GHOST", body.GetProperty("ErrorMessage").GetString());
        }

        [Fact]
        public async Task A_deleted_node_that_is_alive_adds_itself_back_with_default_settings()
        {
            await using var cluster = await StartAsync(o => o.Nodes = 2);
            using var client = Client(cluster);
            var alive = cluster.Nodes[0];
            var dead = cluster.Nodes[1];

            var (status, _) = await client.SendJsonAsync(HttpMethod.Put, "api/octopusservernodes/" + alive.Id, NodeBody(alive, cap: 1, drain: true));
            Assert.Equal(200, status);
            await dead.KillAsync();

            (status, var body) = await client.SendJsonAsync(HttpMethod.Delete, "api/octopusservernodes/" + dead.Id);
            Assert.Equal(200, status);
            Assert.Equal("{}", body.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", ""));
            (status, _) = await client.SendJsonAsync(HttpMethod.Delete, "api/octopusservernodes/" + alive.Id);
            Assert.Equal(200, status);

            // The dead node stays gone; the live one checks in and re-adds itself with cap 5 and no drain.
            await EventuallyAsync(async () =>
            {
                var all = await client.GetJsonAsync("api/octopusservernodes/all");
                return all.EnumerateArray().Any(n => n.GetProperty("Id").GetString() == alive.Id);
            }, "the live node re-adds itself");
            var readded = await client.GetJsonAsync("api/octopusservernodes/" + alive.Id);
            Assert.Equal(5, readded.GetProperty("MaxConcurrentTasks").GetInt32());
            Assert.False(readded.GetProperty("IsInMaintenanceMode").GetBoolean());

            var list = await client.GetJsonAsync("api/octopusservernodes");
            Assert.DoesNotContain(list.GetProperty("Items").EnumerateArray(), n => n.GetProperty("Id").GetString() == dead.Id);
            (status, _) = await client.SendJsonAsync(HttpMethod.Get, "api/octopusservernodes/" + dead.Id);
            Assert.Equal(404, status);

            // A restarted node registers itself at once.
            await dead.ReviveAsync();
            Assert.True(dead.IsRegistered);
            await client.GetJsonAsync("api/octopusservernodes/" + dead.Id);
        }

        [Fact]
        public async Task A_killed_node_goes_offline_in_the_summary_once_its_heartbeat_is_stale()
        {
            await using var cluster = await StartAsync(o => { o.Nodes = 2; o.OfflineAfter = TimeSpan.FromSeconds(2); });
            using var client = Client(cluster);
            await cluster.Nodes[1].KillAsync();

            await EventuallyAsync(async () =>
            {
                var summary = await client.GetJsonAsync("api/octopusservernodes/summary");
                var nodes = summary.GetProperty("Nodes").EnumerateArray().ToList();
                return nodes[1].GetProperty("IsOffline").GetBoolean();
            }, "OCTO-NODE-2 shows IsOffline");

            var after = await client.GetJsonAsync("api/octopusservernodes/summary");
            Assert.False(after.GetProperty("Nodes")[0].GetProperty("IsOffline").GetBoolean()); // the live one keeps checking in
        }
    }
}
