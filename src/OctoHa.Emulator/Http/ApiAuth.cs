using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OctoHa.Emulator.Http
{
    /// <summary>API-key checks as Octopus documents them: X-Octopus-ApiKey, or the older X-NuGet-ApiKey header or apikey query.</summary>
    internal static class ApiAuth
    {
        public enum Access { None, ReadOnly, Full }

        public static Access Check(HttpRequest request, string apiKey, string? readOnlyApiKey)
        {
            var presented = Presented(request);
            if (presented == null) return Access.None;
            if (SameKey(presented, apiKey)) return Access.Full;
            if (readOnlyApiKey != null && SameKey(presented, readOnlyApiKey)) return Access.ReadOnly;
            return Access.None;
        }

        private static string? Presented(HttpRequest request)
        {
            foreach (var header in new[] { "X-Octopus-ApiKey", "X-NuGet-ApiKey" })
            {
                var value = request.Headers[header].ToString();
                if (!string.IsNullOrEmpty(value)) return value.Trim();
            }
            var query = request.Query["apikey"].ToString();
            return string.IsNullOrEmpty(query) ? null : query.Trim();
        }

        // Constant-time so the emulator does not model a timing leak Octopus would not have.
        private static bool SameKey(string a, string b) =>
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
    }
}
