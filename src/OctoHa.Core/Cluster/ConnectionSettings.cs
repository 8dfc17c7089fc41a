using System;

namespace OctoHa.Cluster
{
    /// <summary>
    /// Builds a connection from what the caller gave, falling back to the OCTOPUS_URL and OCTOPUS_API_KEY
    /// environment variables that Octopus's own tooling uses. Both front ends resolve connections here.
    /// </summary>
    public static class ConnectionSettings
    {
        public const string UrlVariable = "OCTOPUS_URL";
        public const string ApiKeyVariable = "OCTOPUS_API_KEY";

        public static OctopusConnection Resolve(string? url, string? apiKey, bool skipCertificateCheck, string urlSource, string keySource)
        {
            string? envUrl = Environment.GetEnvironmentVariable(UrlVariable);
            string? envKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
            bool urlGiven = !string.IsNullOrWhiteSpace(url);
            bool keyGiven = !string.IsNullOrWhiteSpace(apiKey);
            if (!urlGiven && string.IsNullOrWhiteSpace(envUrl))
                throw new OctoHaException("ServerUrlMissing", OctoHaErrorKind.InvalidArgument,
                    $"No Octopus Server URL: give {urlSource} or set {UrlVariable}.", urlSource);
            if (!keyGiven && string.IsNullOrWhiteSpace(envKey))
                throw new OctoHaException("ApiKeyMissing", OctoHaErrorKind.InvalidArgument,
                    $"No API key: give {keySource} or set {ApiKeyVariable}. Create a key under your Octopus profile > My API Keys.", keySource);
            Uri server = OctopusConnection.ParseServerUrl(urlGiven ? url : envUrl, urlGiven ? urlSource : UrlVariable);
            ApiKey key = ApiKey.Parse(keyGiven ? apiKey : envKey, keyGiven ? keySource : ApiKeyVariable);
            return new OctopusConnection(server, key, skipCertificateCheck);
        }
    }
}
