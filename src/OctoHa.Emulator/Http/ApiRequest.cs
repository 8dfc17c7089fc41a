using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.AspNetCore.Http;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Http
{
    /// <summary>One request as the endpoints see it: the effective method (after X-HTTP-Method-Override),
    /// the path split into segments, which port it arrived on, and query helpers.</summary>
    internal sealed class ApiRequest
    {
        public ApiRequest(HttpContext context, string method, EmulatedCluster cluster, NodeRecord? ownNode, CancellationToken aborted)
        {
            Context = context;
            Method = method;
            Cluster = cluster;
            OwnNode = ownNode;
            Aborted = aborted;
            Path = (context.Request.Path.Value ?? "/").TrimEnd('/');
            if (Path.Length == 0) Path = "/";
            Segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        }

        public HttpContext Context { get; }
        public string Method { get; }
        public EmulatedCluster Cluster { get; }
        public ClusterState State => Cluster.State;

        /// <summary>The node whose own port received the request; null on the API ("load balancer") port.</summary>
        public NodeRecord? OwnNode { get; }

        public CancellationToken Aborted { get; }
        public string Path { get; }
        public string[] Segments { get; }

        public bool IsGet => Method == HttpMethods.Get || Method == HttpMethods.Head;

        public static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

        public string? Query(string name)
        {
            var values = Context.Request.Query[name];
            return values.Count == 0 ? null : values[values.Count - 1];
        }

        /// <summary>Comma lists and repeated parameters both work: ids=a,b and ids=a&amp;ids=b.</summary>
        public List<string> QueryList(string name) =>
            Context.Request.Query[name]
                .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();

        public bool QueryTrue(string name) => bool.TryParse(Query(name), out var b) && b;

        /// <summary>Parses a non-negative integer parameter; false (with a message) when it is not one.</summary>
        public bool TryQueryInt(string name, int fallback, out int value, out string? error)
        {
            error = null;
            value = fallback;
            var raw = Query(name);
            if (string.IsNullOrEmpty(raw)) return true;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0) return true;
            error = "The query parameter '" + name + "' must be a whole number of zero or more.";
            return false;
        }

        /// <summary>The query to repeat in page links: everything but paging and the API key.</summary>
        public IEnumerable<KeyValuePair<string, string>> CarriedFilters()
        {
            foreach (var pair in Context.Request.Query)
            {
                if (Is(pair.Key, "skip") || Is(pair.Key, "take") || Is(pair.Key, "apikey")) continue;
                foreach (var v in pair.Value) yield return new KeyValuePair<string, string>(pair.Key, v ?? "");
            }
        }
    }
}
