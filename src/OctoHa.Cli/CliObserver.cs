using System.IO;

namespace OctoHa.Cli
{
    /// <summary>Engine progress and messages for a terminal: one line each on stderr, so stdout stays parseable.</summary>
    internal sealed class CliObserver : IOperationObserver
    {
        private readonly TextWriter _stderr;
        private readonly bool _verbose;
        private readonly bool _whatIf;
        private readonly TextWriter _whatIfOut;

        /// <param name="whatIfOut">Where --what-if describes each change (stdout for tables, stderr under --output json).</param>
        public CliObserver(TextWriter stderr, bool verbose = false, bool whatIf = false, TextWriter? whatIfOut = null)
        {
            _stderr = stderr;
            _verbose = verbose;
            _whatIf = whatIf;
            _whatIfOut = whatIfOut ?? stderr;
        }

        /// <summary>--what-if describes the change and declines it; otherwise the CLI proceeds (it never prompts).</summary>
        public bool ShouldProcess(string target, string action)
        {
            if (!_whatIf) return true;
            _whatIfOut.WriteLine($"What if: {action} on {target}.");
            return false;
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
