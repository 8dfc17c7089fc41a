using System;
using System.IO;
using System.Linq;
using System.Text;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>A temp folder holding realistic Tentacle.config files, written the way Tentacle writes them.</summary>
    internal sealed class TentacleFixture : IDisposable
    {
        public const string Thumbprint = "8E1A2C3D4B5F60718293A4B5C6D7E8F901234567";
        public const string Subscription = "poll://j8rqx6yvwk2m1tz4nd7h/";
        public const string TrustedKey = "Tentacle.Communication.TrustedOctopusServers";

        public TentacleFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "octoha-tentacle-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public static string Entry(string address, int style = 2, string thumbprint = Thumbprint, string? subscription = Subscription) =>
            $"{{\"Thumbprint\":\"{thumbprint}\",\"CommunicationStyle\":{style},\"Address\":{(address == null ? "null" : "\"" + address + "\"")}," +
            $"\"Squid\":null,\"SubscriptionId\":{(subscription == null ? "null" : "\"" + subscription + "\"")}}}";

        /// <summary>Windows Tentacle: BOM, CRLF, xmlns:xsd first, a certificate blob and the usual keys.</summary>
        public string Windows(string trustedJson, string name = "Tentacle.config")
        {
            string nl = "\r\n";
            string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + nl +
                "<octopus-settings xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + nl +
                "  <set key=\"Octopus.Home\">C:\\Octopus</set>" + nl +
                "  <set key=\"Tentacle.Certificate\">" + CertificateBlob() + "</set>" + nl +
                "  <set key=\"Tentacle.CertificateThumbprint\">1F2E3D4C5B6A79880706F5E4D3C2B1A098765432</set>" + nl +
                "  <set key=\"Tentacle.Communication.PollingConnectionCount\">5</set>" + nl +
                "  <set key=\"" + TrustedKey + "\">" + trustedJson + "</set>" + nl +
                "  <set key=\"Tentacle.Deployment.ApplicationDirectory\">C:\\Octopus\\Applications</set>" + nl +
                "  <set key=\"Tentacle.Services.IsRegistered\">true</set>" + nl +
                "  <set key=\"Tentacle.Services.NoListen\">true</set>" + nl +
                "  <set key=\"Tentacle.Services.PortNumber\">10933</set>" + nl +
                "</octopus-settings>";
            return Write(name, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray());
        }

        /// <summary>Linux Tentacle: no BOM, LF, xmlns:xsi first.</summary>
        public string Linux(string trustedJson, string name = "tentacle-Tentacle.config")
        {
            string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
                "<octopus-settings xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n" +
                "  <set key=\"Octopus.Home\">/etc/octopus/Tentacle</set>\n" +
                "  <set key=\"Tentacle.Certificate\">" + CertificateBlob() + "</set>\n" +
                "  <set key=\"Tentacle.CertificateThumbprint\">1F2E3D4C5B6A79880706F5E4D3C2B1A098765432</set>\n" +
                "  <set key=\"" + TrustedKey + "\">" + trustedJson + "</set>\n" +
                "  <set key=\"Tentacle.Deployment.ApplicationDirectory\">/home/Octopus/Applications</set>\n" +
                "  <set key=\"Tentacle.Services.IsRegistered\">true</set>\n" +
                "  <set key=\"Tentacle.Services.NoListen\">true</set>\n" +
                "</octopus-settings>\n";
            return Write(name, Encoding.UTF8.GetBytes(text));
        }

        public string Write(string name, byte[] bytes)
        {
            string path = Path.Combine(Root, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        private static string CertificateBlob()
        {
            var bytes = new byte[3000];
            new Random(42).NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        /// <summary>The file as Latin-1 text (one char per byte) with the trusted servers' inner text cut out.</summary>
        public static string WithoutTrusted(byte[] bytes)
        {
            string s = Encoding.Latin1.GetString(bytes);
            string open = "<set key=\"" + TrustedKey + "\">";
            int start = s.IndexOf(open, StringComparison.Ordinal) + open.Length;
            int end = s.IndexOf("</set>", start, StringComparison.Ordinal);
            return s.Substring(0, start) + s.Substring(end);
        }

        /// <summary>The trusted servers' inner text, exactly as stored.</summary>
        public static string TrustedText(string path)
        {
            string s = File.ReadAllText(path);
            string open = "<set key=\"" + TrustedKey + "\">";
            int start = s.IndexOf(open, StringComparison.Ordinal) + open.Length;
            return s.Substring(start, s.IndexOf("</set>", start, StringComparison.Ordinal) - start);
        }

        public string[] Backups(string configPath) => Directory.GetFiles(Root, Path.GetFileName(configPath) + ".*.bak");

        public string[] Temps(string configPath) => Directory.GetFiles(Root, Path.GetFileName(configPath) + ".octoha-tmp-*");

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
