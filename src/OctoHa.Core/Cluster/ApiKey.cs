using System;
using System.Text.RegularExpressions;

namespace OctoHa.Cluster
{
    /// <summary>
    /// An Octopus API key. It prints as a mask, so it cannot leak through ToString, string interpolation,
    /// serialization of a containing object, or an exception message; only the HTTP client reads the value.
    /// </summary>
    public sealed class ApiKey
    {
        // The format Octopus's own Go client checks: "API-" then upper-case letters and digits.
        private static readonly Regex Format = new Regex("^API-[A-Z0-9]+$", RegexOptions.CultureInvariant);

        private readonly string _value;

        private ApiKey(string value) => _value = value;

        public static ApiKey Parse(string? value, string source)
        {
            string trimmed = (value ?? "").Trim();
            if (trimmed.Length == 0)
                throw new OctoHaException("ApiKeyMissing", OctoHaErrorKind.InvalidArgument,
                    $"No API key was given ({source}). Create one in the Octopus web portal under your profile > My API Keys, then pass it.", source);
            if (!Format.IsMatch(trimmed))
                throw new OctoHaException("ApiKeyMalformed", OctoHaErrorKind.InvalidArgument,
                    $"The API key from {source} is not an Octopus API key: keys start with 'API-' followed by capital letters and digits. Check that the whole key was copied.", source);
            return new ApiKey(trimmed);
        }

        /// <summary>The key itself, for the X-Octopus-ApiKey header only.</summary>
        internal string Reveal() => _value;

        public override string ToString() => "API-********";
    }
}
