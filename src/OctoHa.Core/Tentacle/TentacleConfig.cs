using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// A Tentacle.config as read from disk: its settings, its trusted servers, and the exact bytes, so an edit can
    /// change one setting and leave every other byte alone.
    /// </summary>
    public sealed class TentacleConfig
    {
        public const string TrustedServersKey = "Tentacle.Communication.TrustedOctopusServers";
        private const string RootName = "octopus-settings";

        private TentacleConfig(string path, string text, bool hasBom, Dictionary<string, string> settings, List<TrustedServer> servers)
        {
            Path = path;
            Text = text;
            HasBom = hasBom;
            Settings = settings;
            TrustedServers = servers;
        }

        public string Path { get; }

        /// <summary>Every &lt;set key="..."&gt; value, by key (keys compared case-insensitively, as Tentacle does).</summary>
        public IReadOnlyDictionary<string, string> Settings { get; }

        public IReadOnlyList<TrustedServer> TrustedServers { get; }

        // The file as decoded text (without the BOM) and whether it had one: together they are the original bytes.
        internal string Text { get; }
        internal bool HasBom { get; }

        /// <summary>Reads a Tentacle.config. Throws TentacleConfigNotFound, TentacleConfigMalformedXml or TentacleConfigMalformedJson.</summary>
        public static TentacleConfig Load(string path)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new OctoHaException("TentacleConfigPathMissing", OctoHaErrorKind.InvalidArgument, "No Tentacle.config path or instance name was given.");
            string full = System.IO.Path.GetFullPath(path);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(full);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                throw new OctoHaException("TentacleConfigNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"The Tentacle config '{full}' does not exist. Check the path, or pass the instance name so OctoHa finds it " +
                    "(`Tentacle list-instances` shows them).", full, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new OctoHaException("TentacleConfigAccessDenied", OctoHaErrorKind.PermissionDenied,
                    $"The Tentacle config '{full}' could not be read: access is denied. Run as the account that owns the Tentacle (root or an administrator).", full, ex);
            }
            return Parse(full, bytes);
        }

        /// <summary>Finds an instance through Tentacle's instance index, then reads its config.</summary>
        public static TentacleConfig LoadInstance(string instance, string? home = null) => Load(TentacleInstances.ConfigPathOf(instance, home));

        internal static TentacleConfig Parse(string path, byte[] bytes)
        {
            bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            }
            catch (DecoderFallbackException ex)
            {
                throw MalformedXml(path, "it is not valid UTF-8 text", ex);
            }

            XDocument doc;
            try
            {
                doc = XDocument.Parse(text, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw MalformedXml(path, $"{ex.Message} (line {ex.LineNumber}, position {ex.LinePosition})", ex);
            }
            if (doc.Root == null || doc.Root.Name.LocalName != RootName)
                throw MalformedXml(path, $"its root element is <{doc.Root?.Name.LocalName}>, not <{RootName}>", null);

            var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var set in doc.Root.Elements().Where(e => e.Name.LocalName == "set"))
            {
                string? key = (string?)set.Attribute("key");
                if (key == null) continue;
                if (settings.ContainsKey(key))
                {
                    var li = (IXmlLineInfo)set;
                    throw MalformedXml(path, $"the key '{key}' is set twice (line {li.LineNumber}, position {li.LinePosition})", null);
                }
                settings[key] = set.Value;
            }

            var servers = settings.TryGetValue(TrustedServersKey, out string? json)
                ? TrustedServerJson.Parse(json, path) : new List<TrustedServer>();
            return new TentacleConfig(path, text, bom, settings, servers);
        }

        private static OctoHaException MalformedXml(string path, string why, Exception? inner) =>
            new OctoHaException("TentacleConfigMalformedXml", OctoHaErrorKind.InvalidData,
                $"The Tentacle config '{path}' cannot be read as Tentacle settings: {why}. Fix the file (or restore a backup) " +
                "and try again; OctoHa did not change it.", path, inner);

        /// <summary>
        /// The polling registration new nodes are added beside. Refuses a listening-only Tentacle, one never registered
        /// for polling, and (without <paramref name="thumbprint"/>) one trusting several server certificates.
        /// </summary>
        public PollingRegistration GetPollingRegistration(string? thumbprint = null) => PollingRegistration.From(this, thumbprint);

        /// <summary>The whole file with only the TrustedOctopusServers value replaced, as bytes to write.</summary>
        internal byte[] WithTrustedServers(IEnumerable<TrustedServer> servers) =>
            ConfigText.ReplaceSetting(this, TrustedServersKey, TrustedServerJson.Write(servers));
    }
}
