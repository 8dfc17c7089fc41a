using System.IO;

namespace OctoHa.Cli
{
    /// <summary>Where a verb writes: results on stdout, progress and messages on stderr.</summary>
    public sealed class CliContext
    {
        public CliContext(TextWriter stdout, TextWriter stderr)
        {
            Out = stdout;
            Error = stderr;
        }

        public TextWriter Out { get; }
        public TextWriter Error { get; }
    }
}
