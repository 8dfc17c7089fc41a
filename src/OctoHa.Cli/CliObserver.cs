using System;
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

        // Progress can arrive several times a second during a long copy: a terminal gets every update on one line
        // (\r), a redirected stderr (a log) one line every few seconds.
        private static readonly TimeSpan LoggedProgressInterval = TimeSpan.FromSeconds(5);
        private DateTime _lastProgress = DateTime.MinValue;
        private bool _progressLineOpen;

        public void Progress(OperationProgress progress)
        {
            if (progress.Completed)
            {
                lock (this) if (_progressLineOpen) { _stderr.WriteLine(); _progressLineOpen = false; }
                return;
            }
            lock (this)
            {
                if (!System.Console.IsErrorRedirected && ReferenceEquals(_stderr, System.Console.Error))
                {
                    string line = $"{progress.Activity}: {progress.Status}";
                    _stderr.Write("\r" + (line.Length > 119 ? line.Substring(0, 119) : line.PadRight(119)));
                    _progressLineOpen = true;
                    return;
                }
                if (DateTime.UtcNow - _lastProgress < LoggedProgressInterval) return;
                _lastProgress = DateTime.UtcNow;
            }
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
