using System;
using System.Globalization;
using System.Text.Json;

namespace OctoHa.Cluster
{
    /// <summary>Tolerant readers for Octopus JSON: a missing or null field is null, never an exception.</summary>
    internal static class Json
    {
        internal static string? String(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        internal static int? Int(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : (int?)null;

        internal static bool? Bool(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) && (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False) ? v.GetBoolean() : (bool?)null;

        internal static DateTimeOffset? Date(JsonElement e, string name)
        {
            string? s = String(e, name);
            return s != null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset d) ? d : (DateTimeOffset?)null;
        }

        internal static string? Link(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty("Links", out JsonElement links) ? String(links, name) : null;
    }
}
