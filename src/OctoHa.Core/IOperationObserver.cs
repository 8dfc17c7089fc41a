namespace OctoHa
{
    /// <summary>
    /// How an engine operation reports while it runs, and asks before it changes anything. A cmdlet turns these
    /// into WriteProgress, WriteVerbose, WriteWarning and ShouldProcess on its pipeline thread; the CLI writes them
    /// to stderr and answers ShouldProcess from --what-if.
    /// </summary>
    public interface IOperationObserver
    {
        void Progress(OperationProgress progress);
        void Verbose(string message);
        void Warning(string message);

        /// <summary>
        /// Asks whether to make a change: false under -WhatIf (after describing it) or when the user declines.
        /// The engine calls it only for a real change, never for a no-op, and never with a secret in the text.
        /// </summary>
        bool ShouldProcess(string target, string action);
    }

    /// <summary>One progress update. PercentComplete is -1 when the total is unknown.</summary>
    public sealed class OperationProgress
    {
        public OperationProgress(string activity, string status, int percentComplete = -1, bool completed = false)
        {
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        public string Activity { get; }
        public string Status { get; }
        public int PercentComplete { get; }
        public bool Completed { get; }
    }

    /// <summary>An observer that discards messages and approves every change, for callers that want only the result.</summary>
    public sealed class NullObserver : IOperationObserver
    {
        public static readonly NullObserver Instance = new NullObserver();
        private NullObserver() { }
        public void Progress(OperationProgress progress) { }
        public void Verbose(string message) { }
        public void Warning(string message) { }
        public bool ShouldProcess(string target, string action) => true;
    }
}
