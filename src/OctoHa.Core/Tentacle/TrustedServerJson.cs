using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OctoHa.Tentacle
{
    /// <summary>Reads and writes the JSON array Tentacle keeps in its TrustedOctopusServers setting.</summary>
    internal static class TrustedServerJson
    {
        internal static List<TrustedServer> Parse(string json, string configPath)
        {
            var list = new List<TrustedServer>();
            if (string.IsNullOrWhiteSpace(json)) return list;
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.Null) return list;
                if (doc.RootElement.ValueKind != JsonValueKind.Array) throw Malformed(configPath, "it is not a JSON array");
                int index = 0;
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object) throw Malformed(configPath, $"entry {index} is not a JSON object");
                    list.Add(ParseEntry(item, index, configPath));
                    index++;
                }
                return list;
            }
            catch (JsonException ex)
            {
                throw Malformed(configPath, ex.Message, ex);
            }
        }

        private static TrustedServer ParseEntry(JsonElement item, int index, string configPath)
        {
            string thumbprint = "";
            int style = CommunicationStyles.None;
            string? address = null, subscriptionId = null, squid = null;
            var extras = new List<KeyValuePair<string, string>>();
            foreach (var p in item.EnumerateObject())
            {
                // Tentacle's reader (Newtonsoft) matches property names case-insensitively; so do we.
                switch (p.Name.ToLowerInvariant())
                {
                    case "thumbprint": thumbprint = Text(p.Value) ?? ""; break;
                    case "address": address = Text(p.Value); break;
                    case "subscriptionid": subscriptionId = Text(p.Value); break;
                    case "squid": squid = Text(p.Value); break;
                    case "communicationstyle": style = Style(p.Value, index, configPath); break;
                    default: extras.Add(new KeyValuePair<string, string>(p.Name, p.Value.GetRawText())); break;
                }
            }
            return new TrustedServer(thumbprint, style, address, subscriptionId, squid, extras);
        }

        private static string? Text(JsonElement v) =>
            v.ValueKind == JsonValueKind.Null ? null : v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();

        private static int Style(JsonElement v, int index, string configPath)
        {
            if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n)) return n;
            if (v.ValueKind == JsonValueKind.String && CommunicationStyles.TryParse(v.GetString(), out int s)) return s;
            if (v.ValueKind == JsonValueKind.Null) return CommunicationStyles.None;
            throw Malformed(configPath, $"entry {index} has CommunicationStyle {v.GetRawText()}, which is neither a number nor a known style name");
        }

        private static OctoHaException Malformed(string configPath, string why, Exception? inner = null) =>
            new OctoHaException("TentacleConfigMalformedJson", OctoHaErrorKind.InvalidData,
                $"The setting '{TentacleConfig.TrustedServersKey}' in '{configPath}' is not valid: {why}. " +
                "Fix the JSON by hand (or restore a backup) and try again; OctoHa did not change the file.", configPath, inner);

        /// <summary>Compact JSON in Tentacle's own property order; unmodelled properties follow, as they were.</summary>
        internal static string Write(IEnumerable<TrustedServer> servers)
        {
            using var ms = new MemoryStream();
            // Relaxed escaping: Tentacle (Newtonsoft) does not escape '+', '/' or non-ASCII, and neither should we.
            using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartArray();
                foreach (var s in servers)
                {
                    w.WriteStartObject();
                    w.WriteString("Thumbprint", s.Thumbprint);
                    w.WriteNumber("CommunicationStyle", s.CommunicationStyle);
                    WriteNullable(w, "Address", s.Address);
                    WriteNullable(w, "Squid", s.Squid);
                    WriteNullable(w, "SubscriptionId", s.SubscriptionId);
                    foreach (var extra in s.Extras)
                    {
                        w.WritePropertyName(extra.Key);
                        w.WriteRawValue(extra.Value, skipInputValidation: true);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
        {
            if (value == null) w.WriteNull(name); else w.WriteString(name, value);
        }
    }
}
