using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OctoHa.Emulator.Http
{
    /// <summary>
    /// Reads request bodies leniently, as Octopus (Json.NET) does: property names match case-insensitively,
    /// unknown properties are ignored, numbers may arrive as strings.
    /// </summary>
    internal static class JsonBody
    {
        /// <summary>Returns the body's root object, or null with an error message.</summary>
        /// <param name="emptyIsObject">Treat a missing body as {} (control endpoints whose fields all have defaults).</param>
        public static async Task<(JsonElement? Root, string? Error)> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool emptyIsObject = false)
        {
            try
            {
                if (emptyIsObject && request.ContentLength == 0)
                {
                    using var empty = JsonDocument.Parse("{}");
                    return (empty.RootElement.Clone(), null);
                }
                using var doc = await JsonDocument.ParseAsync(request.Body, default, ct).ConfigureAwait(false);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, "The request body must be a JSON object.");
                return (doc.RootElement.Clone(), null);
            }
            catch (JsonException e)
            {
                return (null, "The request body is not valid JSON: " + e.Message);
            }
        }

        public static bool TryGet(JsonElement obj, string name, out JsonElement value)
        {
            foreach (var p in obj.EnumerateObject())
            {
                if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null)
                {
                    value = p.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }

        public static string? GetString(JsonElement obj, string name) =>
            TryGet(obj, name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

        /// <summary>Missing gives <paramref name="fallback"/>; present but not a number gives an error.</summary>
        public static bool TryGetDouble(JsonElement obj, string name, double fallback, out double value)
        {
            value = fallback;
            if (!TryGet(obj, name, out var v)) return true;
            if (v.ValueKind == JsonValueKind.Number) return v.TryGetDouble(out value);
            return v.ValueKind == JsonValueKind.String
                && double.TryParse(v.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        public static bool TryGetInt(JsonElement obj, string name, int fallback, out int value)
        {
            value = fallback;
            if (!TryGetDouble(obj, name, fallback, out var d)) return false;
            if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue) return false;
            value = (int)d;
            return true;
        }

        public static bool TryGetBool(JsonElement obj, string name, bool fallback, out bool value)
        {
            value = fallback;
            if (!TryGet(obj, name, out var v)) return true;
            if (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False)
            {
                value = v.GetBoolean();
                return true;
            }
            return v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out value);
        }
    }
}
