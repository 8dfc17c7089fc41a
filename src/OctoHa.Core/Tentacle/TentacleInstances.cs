using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// Tentacle's instance index: &lt;home&gt;/Tentacle/Instances/&lt;instance&gt;.config, a JSON file naming the
    /// instance's Tentacle.config. (Legacy Windows instances kept only in the registry are not read.)
    /// </summary>
    public static class TentacleInstances
    {
        public const string HomeVariable = "TentacleMachineConfigurationHomeDirectory";

        /// <summary>The machine configuration home: the environment override, else /etc/octopus or %ProgramData%\Octopus.</summary>
        public static string DefaultHome()
        {
            string? env = Environment.GetEnvironmentVariable(HomeVariable);
            if (!string.IsNullOrWhiteSpace(env)) return env!;
            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Octopus")
                : "/etc/octopus";
        }

        /// <summary>The index file Tentacle keeps for an instance (name lower-cased, spaces turned into dashes).</summary>
        public static string IndexPathOf(string instance, string? home = null)
        {
            if (string.IsNullOrWhiteSpace(instance))
                throw new OctoHaException("TentacleInstanceMissing", OctoHaErrorKind.InvalidArgument, "No Tentacle instance name was given.");
            string file = instance.Trim().ToLowerInvariant().Replace(' ', '-') + ".config";
            return Path.Combine(home ?? DefaultHome(), "Tentacle", "Instances", file);
        }

        /// <summary>The Tentacle.config path an instance is registered with.</summary>
        public static string ConfigPathOf(string instance, string? home = null)
        {
            string index = IndexPathOf(instance, home);
            string json;
            try
            {
                json = File.ReadAllText(index);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new OctoHaException("TentacleInstanceNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"There is no Tentacle instance '{instance}': '{index}' does not exist. Check the name with `Tentacle list-instances`, " +
                    "or pass the config path instead.", instance, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new OctoHaException("TentacleConfigAccessDenied", OctoHaErrorKind.PermissionDenied,
                    $"The Tentacle instance index '{index}' could not be read: access is denied. Run as root or an administrator.", index, ex);
            }

            try
            {
                using var doc = JsonDocument.Parse(json);
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (string.Equals(p.Name, "ConfigurationFilePath", StringComparison.OrdinalIgnoreCase)
                        && p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()))
                        return p.Value.GetString()!;
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                throw BadIndex(instance, index, ex.Message, ex);
            }
            throw BadIndex(instance, index, "it has no ConfigurationFilePath", null);
        }

        /// <summary>The instance whose index points at this config path, or null (not registered, or the index is unreadable).</summary>
        public static string? FindInstanceOf(string configPath, string? home = null)
        {
            string folder = Path.Combine(home ?? DefaultHome(), "Tentacle", "Instances");
            string full = Path.GetFullPath(configPath);
            var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            try
            {
                if (!Directory.Exists(folder)) return null;
                foreach (string index in Directory.EnumerateFiles(folder, "*.config"))
                {
                    try
                    {
                        using var doc = JsonDocument.Parse(File.ReadAllText(index));
                        string? name = null, path = null;
                        foreach (var p in doc.RootElement.EnumerateObject())
                        {
                            if (p.Value.ValueKind != JsonValueKind.String) continue;
                            if (string.Equals(p.Name, "Name", StringComparison.OrdinalIgnoreCase)) name = p.Value.GetString();
                            if (string.Equals(p.Name, "ConfigurationFilePath", StringComparison.OrdinalIgnoreCase)) path = p.Value.GetString();
                        }
                        if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrWhiteSpace(path) && string.Equals(Path.GetFullPath(path!), full, comparison))
                            return name;
                    }
                    catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is ArgumentException)
                    {
                        // Another instance's broken index is not this command's business.
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
            return null;
        }

        private static OctoHaException BadIndex(string instance, string index, string why, Exception? inner) =>
            new OctoHaException("TentacleInstanceIndexMalformed", OctoHaErrorKind.InvalidData,
                $"The index of Tentacle instance '{instance}' ('{index}') cannot be used: {why}. Pass the config path instead.", index, inner);
    }
}
