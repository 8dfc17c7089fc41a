using System.Net.Http;

namespace OctoHa.Cluster
{
    /// <summary>The HTTP handler OctoHa uses: TLS verified unless the caller explicitly asked to skip the check.</summary>
    internal static class HttpHandlers
    {
        internal static HttpClientHandler Create(bool skipCertificateCheck)
        {
            var handler = new HttpClientHandler { UseCookies = false };
            if (skipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            }
            return handler;
        }
    }
}
