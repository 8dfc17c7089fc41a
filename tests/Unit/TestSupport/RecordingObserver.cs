using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>Collects what an engine operation reports, and answers ShouldProcess as a user would.</summary>
    public sealed class RecordingObserver : IOperationObserver
    {
        private readonly bool _approve;

        public RecordingObserver(bool approve = true) => _approve = approve;

        public ConcurrentQueue<OperationProgress> ProgressRecords { get; } = new ConcurrentQueue<OperationProgress>();
        public ConcurrentQueue<string> VerboseMessages { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Warnings { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<(string Target, string Action)> Asked { get; } = new ConcurrentQueue<(string, string)>();

        public void Progress(OperationProgress progress) => ProgressRecords.Enqueue(progress);
        public void Verbose(string message) => VerboseMessages.Enqueue(message);
        public void Warning(string message) => Warnings.Enqueue(message);

        public bool ShouldProcess(string target, string action)
        {
            Asked.Enqueue((target, action));
            return _approve;
        }

        /// <summary>Everything the operation said, for checks that a secret never appears.</summary>
        public string AllText => string.Join("\n",
            VerboseMessages.Concat(Warnings).Concat(ProgressRecords.Select(p => p.Activity + " " + p.Status)).Concat(Asked.Select(a => a.Target + " " + a.Action)));
    }
}
