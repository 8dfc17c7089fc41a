using System.Text;
using System.Text.RegularExpressions;

namespace OctoHa.Tentacle
{
    /// <summary>
    /// Text surgery on a config: the inner text of one &lt;set&gt; element is swapped and nothing else is touched,
    /// so line endings, attribute order, the BOM and other keys (the certificate blob) stay byte for byte.
    /// </summary>
    internal static class ConfigText
    {
        internal static byte[] ReplaceSetting(TentacleConfig config, string key, string value)
        {
            var open = new Regex("<set\\s+key\\s*=\\s*([\"'])" + Regex.Escape(key) + "\\1\\s*>", RegexOptions.CultureInvariant);
            var matches = open.Matches(config.Text);
            int close = matches.Count == 1 ? config.Text.IndexOf("</set>", matches[0].Index + matches[0].Length, System.StringComparison.Ordinal) : -1;
            int start = matches.Count == 1 ? matches[0].Index + matches[0].Length : -1;
            // Comments or CDATA inside the value would need a real XML writer; Tentacle never writes them, so refuse.
            if (close < 0 || config.Text.IndexOf('<', start, close - start) >= 0)
                throw new OctoHaException("TentacleConfigUnsupportedLayout", OctoHaErrorKind.InvalidData,
                    $"The setting '{key}' in '{config.Path}' is not laid out as <set key=\"{key}\">value</set>, so OctoHa cannot change it " +
                    "without rewriting other parts of the file. Run `Tentacle poll-server` instead (see the poll-server plan).", config.Path);

            string text = config.Text.Substring(0, start) + Escape(value) + config.Text.Substring(close);
            byte[] body = new UTF8Encoding(false).GetBytes(text);
            if (!config.HasBom) return body;
            var withBom = new byte[body.Length + 3];
            withBom[0] = 0xEF; withBom[1] = 0xBB; withBom[2] = 0xBF;
            body.CopyTo(withBom, 3);
            return withBom;
        }

        // What XmlWriter escapes in element text; quotes stay as they are, as in Tentacle's own files.
        internal static string Escape(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
