using System.CommandLine;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OctoHa.Cli.Output
{
    public enum OutputFormat
    {
        Table,
        Json,
    }

    /// <summary>The shared --output flag and the JSON writer every verb uses.</summary>
    public static class Outputs
    {
        public static Option<OutputFormat> CreateOption() => new Option<OutputFormat>("--output", "-o")
        {
            Description = "table (readable, the default) or json (one JSON document on stdout).",
            DefaultValueFactory = _ => OutputFormat.Table,
        };

        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };

        public static void WriteJson(TextWriter stdout, object value)
        {
            stdout.WriteLine(JsonSerializer.Serialize(value, value.GetType(), JsonOptions));
        }
    }
}
