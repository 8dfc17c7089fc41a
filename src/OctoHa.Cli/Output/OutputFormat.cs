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

        private static JsonSerializerOptions NewOptions() => new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };

        // Reflection for anything the compile-time context does not list.
        private static readonly JsonSerializerOptions JsonOptions = NewOptions();

        private static readonly CliJsonContext Context = new CliJsonContext(NewOptions());

        public static void WriteJson(TextWriter stdout, object value)
        {
            var type = value.GetType();
            stdout.WriteLine(Context.GetTypeInfo(type) != null
                ? JsonSerializer.Serialize(value, type, Context)
                : JsonSerializer.Serialize(value, type, JsonOptions));
        }
    }
}
