using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OctoHa.Processes
{
    /// <summary>
    /// One command line of another program (Tentacle, Octopus.Server). <see cref="Arguments"/> may hold secrets;
    /// anything shown to a person goes through <see cref="Render"/> or <see cref="Mask"/>, which hide them.
    /// </summary>
    public class ExternalCommand
    {
        /// <summary>What a secret argument looks like in output, -WhatIf text and logs.</summary>
        public const string MaskedSecret = "********";

        private readonly IReadOnlyList<string> _secrets;

        public ExternalCommand(string fileName, IReadOnlyList<string> arguments, IEnumerable<string>? secrets = null)
        {
            if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("A command needs a program to run.", nameof(fileName));
            FileName = fileName;
            Arguments = arguments ?? throw new ArgumentNullException(nameof(arguments));
            _secrets = (secrets ?? Enumerable.Empty<string>()).Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        }

        public string FileName { get; }

        /// <summary>The real arguments, secrets included: pass them to the process, never print them.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>The command line as a person would type it, every secret replaced by its mask.</summary>
        public string Render() => string.Join(" ", new[] { FileName }.Concat(Arguments).Select(a => Quote(Mask(a))));

        public override string ToString() => Render();

        /// <summary>Replaces every secret inside a text (an argument, the program's output) with its mask.</summary>
        public string Mask(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            foreach (string secret in _secrets)
            {
                text = text.Replace(secret, MaskOf(secret));
            }
            return text;
        }

        /// <summary>The mask shown for one secret; an Octopus API key keeps its API- prefix so the reader knows what it was.</summary>
        protected virtual string MaskOf(string secret) =>
            secret.StartsWith("API-", StringComparison.OrdinalIgnoreCase) ? "API-" + MaskedSecret : MaskedSecret;

        // Quoted the way a shell user would copy it (and the way CommandLineToArgvW and .NET's own parser split it).
        internal static string Quote(string arg)
        {
            if (arg.Length > 0 && arg.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) < 0) return arg;
            var sb = new StringBuilder("\"");
            int backslashes = 0;
            foreach (char c in arg)
            {
                if (c == '\\') { backslashes++; continue; }
                // Backslashes before a quote are doubled, and the quote escaped; elsewhere they stay as they are.
                sb.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
                backslashes = 0;
                sb.Append(c);
            }
            sb.Append('\\', backslashes * 2).Append('"');
            return sb.ToString();
        }

        /// <summary>The argument string for ProcessStartInfo.Arguments (netstandard2.0 has no ArgumentList).</summary>
        internal string ArgumentString() => string.Join(" ", Arguments.Select(Quote));
    }
}
