using System;

namespace OctoHa.Cluster
{
    /// <summary>Where an Octopus Server (or its load balancer) is, and how to talk to it.</summary>
    public sealed class OctopusConnection
    {
        public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);
        public const int DefaultRetryCount = 3;

        public OctopusConnection(Uri serverUrl, ApiKey apiKey, bool skipCertificateCheck = false)
        {
            ServerUrl = serverUrl;
            ApiKey = apiKey;
            SkipCertificateCheck = skipCertificateCheck;
        }

        /// <summary>The server's base address, always ending in '/', e.g. https://octopus.example.com/.</summary>
        public Uri ServerUrl { get; }

        public ApiKey ApiKey { get; }

        /// <summary>Accept any TLS certificate. For test servers with self-signed certificates only.</summary>
        public bool SkipCertificateCheck { get; }

        public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

        /// <summary>How many times a 5xx, a timeout or a dropped connection is retried before failing.</summary>
        public int RetryCount { get; set; } = DefaultRetryCount;

        /// <summary>Base delay of the exponential backoff between retries.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Checks and normalises a server URL: absolute http(s), no query or fragment, trailing slash.</summary>
        public static Uri ParseServerUrl(string? url, string source = "ServerUrl")
        {
            string text = (url ?? "").Trim();
            if (text.Length == 0)
                throw new OctoHaException("ServerUrlMissing", OctoHaErrorKind.InvalidArgument,
                    $"No Octopus Server URL was given ({source}). Pass the URL users browse to, e.g. https://octopus.example.com.", source);
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
                throw new OctoHaException("ServerUrlMalformed", OctoHaErrorKind.InvalidArgument,
                    $"'{Redact(text)}' is not a valid Octopus Server URL. Give an absolute http:// or https:// address, e.g. https://octopus.example.com.", source);
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new OctoHaException("ServerUrlMalformed", OctoHaErrorKind.InvalidArgument,
                    $"The Octopus Server URL must not carry a query or fragment ('{Redact(text)}'). Give only the base address, e.g. https://octopus.example.com.", source);
            var builder = new UriBuilder(uri) { Query = "", Fragment = "" };
            if (!builder.Path.EndsWith("/", StringComparison.Ordinal)) builder.Path += "/";
            return builder.Uri;
        }

        // A URL may carry user info or an apikey query; never echo those back.
        internal static string Redact(string url)
        {
            int at = url.IndexOf('@');
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (at > 0 && scheme > 0 && at > scheme) url = url.Substring(0, scheme + 3) + "***@" + url.Substring(at + 1);
            int query = url.IndexOf('?');
            return query >= 0 ? url.Substring(0, query) + "?***" : url;
        }
    }
}
