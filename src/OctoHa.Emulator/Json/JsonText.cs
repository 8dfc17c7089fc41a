using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OctoHa.Emulator.Json
{
    /// <summary>How the emulator writes JSON: indented, and without escaping '+' or '&amp;' so dates and links read as text.</summary>
    internal static class JsonText
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Write(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

        public static JsonArray Strings(params string[] values)
        {
            var array = new JsonArray();
            foreach (var v in values) array.Add(v);
            return array;
        }
    }
}
