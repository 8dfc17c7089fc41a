using System.IO;

namespace OctoHa.Cli
{
    /// <summary>Engine progress and messages for a terminal: one line each on stderr, so stdout stays parseable.</summary>
    internal sealed class CliObserver : IOperationObserver
    {
        private readonly TextWriter _stderr;
        private readonly bool _verbose;

        public CliObserver(TextWriter stderr, bool verbose = false)
        {
            _stderr = stderr;
            _verbose = verbose;
        }

        public void Progress(OperationProgress progress)
        {
            if (progress.Completed) return;
            string percent = progress.PercentComplete >= 0 ? $" ({progress.PercentComplete}%)" : "";
            _stderr.WriteLine($"{progress.Activity}: {progress.Status}{percent}");
        }

        public void Verbose(string message)
        {
            if (_verbose) _stderr.WriteLine("VERBOSE: " + message);
        }

        public void Warning(string message) => _stderr.WriteLine("WARNING: " + message);
    }
}
