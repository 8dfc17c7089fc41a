using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace OctoHa.Emulator.Json
{
    /// <summary>
    /// The paged collection envelope (facts section a). Links are app-relative; Page.Next appears only while
    /// items remain, which is how Octopus's own client knows to keep going.
    /// </summary>
    internal static class CollectionJson
    {
        /// <param name="path">The request path, e.g. "/api/octopusservernodes".</param>
        /// <param name="template">The Template link.</param>
        /// <param name="filters">Query parameters to carry into page links (never skip, take or apikey).</param>
        public static JsonObject Create(string itemType, IReadOnlyList<JsonNode> pageItems, int total, int skip, int take,
            string path, string template, IEnumerable<KeyValuePair<string, string>> filters)
        {
            var filterList = filters.ToList();
            int pages = take > 0 ? (total + take - 1) / take : 0;
            var items = new JsonArray();
            foreach (var item in pageItems) items.Add(item);

            var links = new JsonObject
            {
                ["Self"] = PageLink(path, skip, take, filterList),
                ["Template"] = template,
            };
            if (skip > 0) links["Page.Previous"] = PageLink(path, Math.Max(0, skip - take), take, filterList);
            if (take > 0 && skip + take < total) links["Page.Next"] = PageLink(path, skip + take, take, filterList);
            links["Page.Current"] = PageLink(path, skip, take, filterList);

            return new JsonObject
            {
                ["Id"] = null,
                ["ItemType"] = itemType,
                ["TotalResults"] = total,
                ["ItemsPerPage"] = take,
                ["NumberOfPages"] = pages,
                ["LastPageNumber"] = Math.Max(0, pages - 1),
                ["Items"] = items,
                ["LastModifiedOn"] = null,
                ["LastModifiedBy"] = null,
                ["Links"] = links,
            };
        }

        private static string PageLink(string path, int skip, int take, List<KeyValuePair<string, string>> filters)
        {
            var sb = new StringBuilder(path).Append("?skip=").Append(skip).Append("&take=").Append(take);
            foreach (var f in filters)
                sb.Append('&').Append(Uri.EscapeDataString(f.Key)).Append('=').Append(Uri.EscapeDataString(f.Value));
            return sb.ToString();
        }
    }
}
