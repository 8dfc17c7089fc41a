using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Cmdlets
{
    /// <summary>
    /// What every OctoHa cmdlet shares: a cancellation token that Ctrl+C (StopProcessing) cancels, an observer that
    /// turns engine progress into WriteProgress/WriteVerbose/WriteWarning on the pipeline thread, and the mapping
    /// of engine errors to ErrorRecords. Engine types stay inside method bodies (see ModuleInitializer).
    /// </summary>
    public abstract class OctoHaCmdlet : PSCmdlet, IDisposable
    {
        private CancellationTokenSource? _cancellation;

        protected CancellationToken CancellationToken => (_cancellation ??= new CancellationTokenSource()).Token;

        protected override void BeginProcessing()
        {
            _cancellation ??= new CancellationTokenSource();
        }

        protected override void StopProcessing()
        {
            _cancellation?.Cancel();
        }

        public void Dispose()
        {
            _cancellation?.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Runs a synchronous engine call on the pipeline thread; engine errors become terminating errors.</summary>
        protected T RunEngine<T>(Func<IOperationObserver, CancellationToken, T> operation)
        {
            try
            {
                return operation(new PipelineObserver(this), CancellationToken);
            }
            catch (OctoHaException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, GetType()));
                throw; // unreachable: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// Runs an asynchronous engine call on the thread pool while this (pipeline) thread writes its progress and
        /// messages, since PowerShell's Write* methods may only be called from the pipeline thread.
        /// </summary>
        protected T RunEngineAsync<T>(Func<IOperationObserver, CancellationToken, Task<T>> operation) => RunEngineAsync(operation, _ => false)!;

        /// <summary>
        /// As RunEngineAsync, but an error that concerns only this pipeline item (a node that is not there, is busy,
        /// did not drain in time) is written as a non-terminating error and default is returned, so the pipeline
        /// goes on with the next item. Anything else (connection, key, bad parameters) still stops the command.
        /// </summary>
        protected T? RunEngineAsync<T>(Func<IOperationObserver, CancellationToken, Task<T>> operation, Func<OctoHaException, bool> isPerItem)
        {
            using var messages = new BlockingCollection<Action>();
            var observer = new QueuedObserver(this, messages);
            Task<T> task = Task.Run(async () =>
            {
                try { return await operation(observer, CancellationToken).ConfigureAwait(false); }
                finally { messages.CompleteAdding(); }
            });
            foreach (Action write in messages.GetConsumingEnumerable())
            {
                write();
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OctoHaException ex) when (isPerItem(ex))
            {
                WriteEngineError(ex);
                return default;
            }
            catch (OctoHaException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, GetType()));
                throw;
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// A PowerShell path (relative, ~, TestDrive:) as a file-system path; a path on another provider (HKLM:) is
        /// refused with PathNotFileSystem, saying why a file-system path is needed.
        /// </summary>
        protected internal string FileSystemPath(string path, string parameter, string why)
        {
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out ProviderInfo provider, out _);
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"-{parameter} '{path}' is on the {provider.Name} provider; {why}."),
                    "PathNotFileSystem", ErrorCategory.InvalidArgument, path));
            }
            return resolved;
        }

        /// <summary>
        /// A program to run (-TentaclePath, -ServerPath): a bare name ("Tentacle") is left for the OS to find on PATH;
        /// anything with a folder in it is a PowerShell path, made a file-system path. Empty stays empty (the default).
        /// </summary>
        protected internal string? ProgramPath(string? path, string parameter, string why) =>
            string.IsNullOrWhiteSpace(path) || path!.IndexOfAny(new[] { '/', '\\' }) < 0 ? path : FileSystemPath(path, parameter, why);

        /// <summary>True under -WhatIf, given on the command line or through $WhatIfPreference.</summary>
        protected bool IsWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
                ? ((SwitchParameter)value).IsPresent
                : GetVariableValue("WhatIfPreference") is object preference && LanguagePrimitives.IsTrue(preference);

        /// <summary>Stops the command with an InvalidArgument error (parameters that contradict each other).</summary>
        protected internal void ArgumentError(string errorId, string message, object? target) =>
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), errorId, ErrorCategory.InvalidArgument, target));

        /// <summary>Reports an engine error for one input without stopping the pipeline.</summary>
        protected void WriteEngineError(OctoHaException ex) => WriteError(ErrorRecords.From(ex, GetType()));

        private sealed class PipelineObserver : IOperationObserver
        {
            private readonly OctoHaCmdlet _cmdlet;
            public PipelineObserver(OctoHaCmdlet cmdlet) => _cmdlet = cmdlet;
            public void Progress(OperationProgress p) => _cmdlet.WriteProgress(ToRecord(p));
            public void Verbose(string message) => _cmdlet.WriteVerbose(message);
            public void Warning(string message) => _cmdlet.WriteWarning(message);
            public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);
        }

        private sealed class QueuedObserver : IOperationObserver
        {
            private readonly OctoHaCmdlet _cmdlet;
            private readonly BlockingCollection<Action> _queue;
            public QueuedObserver(OctoHaCmdlet cmdlet, BlockingCollection<Action> queue) { _cmdlet = cmdlet; _queue = queue; }
            public void Progress(OperationProgress p) => Post(() => _cmdlet.WriteProgress(ToRecord(p)));
            public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));
            public void Warning(string message) => Post(() => _cmdlet.WriteWarning(message));

            // ShouldProcess may prompt (-Confirm), so it must run on the pipeline thread; the engine waits for the answer.
            public bool ShouldProcess(string target, string action)
            {
                using var answered = new ManualResetEventSlim(false);
                bool answer = false;
                Exception? failure = null;
                Post(() =>
                {
                    try { answer = _cmdlet.ShouldProcess(target, action); }
                    catch (Exception ex) { failure = ex; }
                    finally { answered.Set(); }
                });
                answered.Wait(_cmdlet.CancellationToken);
                // PowerShell's own error (e.g. a prompt in a non-interactive host) reaches the user unchanged.
                if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                return answer;
            }

            // A message that arrives after the operation finished is dropped rather than thrown.
            private void Post(Action write)
            {
                try { _queue.Add(write); } catch (InvalidOperationException) { } // also ObjectDisposedException
            }
        }

        private static ProgressRecord ToRecord(OperationProgress p)
        {
            // Activity ids only need to be stable per activity within one cmdlet call.
            var record = new ProgressRecord(p.Activity.GetHashCode() & 0x7FFF, p.Activity, string.IsNullOrEmpty(p.Status) ? " " : p.Status)
            {
                PercentComplete = p.PercentComplete,
            };
            if (p.Completed) record.RecordType = ProgressRecordType.Completed;
            return record;
        }
    }
}
