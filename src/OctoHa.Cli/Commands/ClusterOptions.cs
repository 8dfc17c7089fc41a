using System.CommandLine;
using System.IO;
using OctoHa.Cli.Output;
using OctoHa.Cluster;

namespace OctoHa.Cli.Commands
{
    /// <summary>
    /// The flags every verb that talks to Octopus takes: --server (else OCTOPUS_URL), the key from OCTOPUS_API_KEY,
    /// --api-key-file or --api-key (never echoed), --skip-certificate-check, --output, --verbose.
    /// </summary>
    internal sealed class ClusterOptions
    {
        public Option<string?> Server { get; } = new Option<string?>("--server") { Description = "Octopus Server URL (else OCTOPUS_URL)." };
        public Option<FileInfo?> ApiKeyFile { get; } = new Option<FileInfo?>("--api-key-file") { Description = "File whose content is the API key (else OCTOPUS_API_KEY)." };
        public Option<string?> ApiKey { get; } = new Option<string?>("--api-key") { Description = "The API key itself. Prefer OCTOPUS_API_KEY or --api-key-file: command lines are visible to other users.", Hidden = true };
        public Option<bool> SkipCertificateCheck { get; } = new Option<bool>("--skip-certificate-check") { Description = "Accept any TLS certificate (test servers only)." };
        public Option<OutputFormat> Output { get; } = Outputs.CreateOption();
        public Option<bool> Verbose { get; } = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };

        public void AddTo(Command command)
        {
            command.Options.Add(Server);
            command.Options.Add(ApiKeyFile);
            command.Options.Add(ApiKey);
            command.Options.Add(SkipCertificateCheck);
            command.Options.Add(Output);
            command.Options.Add(Verbose);
        }

        public OctopusConnection Connection(ParseResult parse)
        {
            string? key = parse.GetValue(ApiKey);
            FileInfo? file = parse.GetValue(ApiKeyFile);
            string keySource = "--api-key";
            if (file != null)
            {
                key = SecretInput.Read(file, null, "ApiKeyFileMissing", "--api-key-file");
                keySource = $"--api-key-file {file.FullName}";
            }
            return ConnectionSettings.Resolve(parse.GetValue(Server), key, parse.GetValue(SkipCertificateCheck), "--server", keySource);
        }

        public bool Json(ParseResult parse) => parse.GetValue(Output) == OutputFormat.Json;
    }
}
