using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Blob
{
    /// <summary>
    /// One blob copy. Walker threads compare the trees one directory at a time (streaming the source, listing the
    /// destination directory, or stat-ing file by file when it is huge) and hand files to copy to a bounded queue
    /// that the copy threads drain. Memory therefore stays bounded however many files there are.
    /// </summary>
    internal sealed partial class CopyRun
    {
        // Files travel to the copy threads in batches, so a folder of small task logs costs few hand-offs;
        // the bounded queue keeps memory flat (at most QueueCapacity x BatchSize files in flight).
        private const int BatchSize = 128;
        private const int QueueCapacity = 64;

        private readonly BlobCopyRequest _request;
        private readonly IOperationObserver _observer;
        private readonly CancellationToken _ct;
        private readonly BlobCopySummary _summary = new BlobCopySummary();
        private readonly List<Regex> _excludeDirs;
        private readonly List<Regex> _excludeFiles;
        private readonly BlockingCollection<DirectoryWork> _directories = new BlockingCollection<DirectoryWork>();
        private readonly BlockingCollection<List<FileWork>> _files = new BlockingCollection<List<FileWork>>(QueueCapacity);
        private int _pendingDirectories;
        private CopyLog _log = null!;
        private string? _logPath;

        internal CopyRun(BlobCopyRequest request, IOperationObserver observer, CancellationToken ct)
        {
            _request = request;
            _observer = observer;
            _ct = ct;
            _excludeDirs = request.ExcludeDirectories.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Wildcard.ToRegex(p.Trim().Replace('\\', '/').Trim('/'))).ToList();
            _excludeFiles = request.ExcludeFiles.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Wildcard.ToRegex(p.Trim())).ToList();
        }

        internal BlobCopySummary Execute()
        {
            var clock = Stopwatch.StartNew();
            var roots = Preflight();
            _summary.Mirror = _request.Mirror;
            _summary.ListOnly = _request.ListOnly;
            if (!_request.ListOnly && !_observer.ShouldProcess(_summary.Destination,
                    (_request.Mirror ? "Mirror" : "Copy") + $" blob data from {_summary.Source}" + (_request.Mirror ? " (deleting what the source lacks)" : "")))
            {
                _summary.Declined = true;
                return _summary;
            }
            _logPath = string.IsNullOrWhiteSpace(_request.LogPath) ? null : Path.GetFullPath(_request.LogPath);
            using (_log = new CopyLog(_logPath))
            {
                _log.Header(_request, _summary.Source, _summary.Destination);
                _observer.Verbose($"{Activity}: {roots.Count} folder(s), {_request.ThreadCount} copy threads" + (_logPath != null ? $", log {_logPath}" : "") + ".");
                foreach (var root in roots) Enqueue(root);
                if (_pendingDirectories == 0) _directories.CompleteAdding();

                int copiers = Math.Max(1, _request.ThreadCount);
                int walkers = Math.Max(1, Math.Min(4, copiers));
                var threads = Enumerable.Range(0, walkers).Select(_ => Start(Walk))
                    .Concat(Enumerable.Range(0, copiers).Select(_ => Start(CopyFiles))).ToList();
                using (var progress = new Timer(_ => ReportProgress(clock), null, 500, 500))
                {
                    Task.WaitAll(threads.Take(walkers).ToArray());
                    _files.CompleteAdding();
                    try
                    {
                        Task.WaitAll(threads.ToArray());
                    }
                    catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
                    {
                        throw new OperationCanceledException(_ct);
                    }
                    catch (AggregateException ex)
                    {
                        Exception first = ex.InnerExceptions.First(e => !(e is OperationCanceledException));
                        _summary.Duration = clock.Elapsed;
                        _log.Summary(_summary);
                        throw new OctoHaException("BlobCopyFatal", OctoHaErrorKind.InvalidOperation,
                            $"The copy stopped: {first.Message} Files copied so far are complete (each is renamed into place only when whole); run the copy again to finish.",
                            _summary.Destination, first);
                    }
                }
                _ct.ThrowIfCancellationRequested();
                _summary.Duration = clock.Elapsed;
                _observer.Progress(new OperationProgress(Activity, "Done", 100, completed: true));
                _log.Summary(_summary);
                _observer.Verbose($"Files: {_summary.Files}. Exit code {_summary.ExitCode}.");
            }
            return _summary;
        }

        private string Activity => (_request.ListOnly ? "Listing" : _request.Mirror ? "Mirroring" : "Copying") + $" blob data to {_summary.Destination}";

        private Task Start(Action body) => Task.Factory.StartNew(() =>
        {
            try { body(); }
            catch
            {
                // One thread's fatal error must not leave the others waiting forever.
                _directories.CompleteAdding();
                _files.CompleteAdding();
                throw;
            }
        }, _ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        private void ReportProgress(Stopwatch clock)
        {
            double seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
            string status = $"{_summary.Files.Copied:N0} of {_summary.Files.Total:N0} files seen copied, {Mb(_summary.Bytes.Copied)} MB at {Mb((long)(_summary.Bytes.Copied / seconds))} MB/s" +
                            (_summary.Files.Extras > 0 ? $", {_summary.Files.Extras:N0} extra" : "") + (_summary.Files.Failed > 0 ? $", {_summary.Files.Failed:N0} failed" : "");
            _observer.Progress(new OperationProgress(Activity, status));
        }

        private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N1", System.Globalization.CultureInfo.InvariantCulture);

        private void Enqueue(DirectoryWork work)
        {
            Interlocked.Increment(ref _pendingDirectories);
            _directories.Add(work);
        }

        private void Walk()
        {
            foreach (DirectoryWork work in _directories.GetConsumingEnumerable(_ct))
            {
                try
                {
                    CompareDirectory(work);
                }
                finally
                {
                    if (Interlocked.Decrement(ref _pendingDirectories) == 0) _directories.CompleteAdding();
                }
            }
        }

        private void Fail(CopyCounters counters, string path, string reason, long bytes = 0)
        {
            Interlocked.Increment(ref counters.failed);
            if (bytes > 0) Interlocked.Add(ref _summary.Bytes.failed, bytes);
            _summary.AddFailure(path, reason);
            _log.Entry("ERROR", null, $"{path} : {reason}");
        }

        private bool ExcludedDirectory(string name, string relative) =>
            _excludeDirs.Count != 0 && _excludeDirs.Any(r => r.IsMatch(name) || r.IsMatch(relative.Replace('\\', '/')));

        // Checked for every file: no allocation at all when nothing is excluded.
        private bool ExcludedFile(string name) => _excludeFiles.Count != 0 && _excludeFiles.Any(r => r.IsMatch(name));

        internal sealed class DirectoryWork
        {
            public DirectoryWork(string source, string destination, string relative)
            {
                Source = source;
                Destination = destination;
                Relative = relative;
            }

            public string Source { get; }
            public string Destination { get; }
            public string Relative { get; }
        }

        internal sealed class FileWork
        {
            public FileWork(string source, string destination, long length, DateTime writeUtc, string kind, bool compareFirst)
            {
                DestinationExists = kind != "New File";
                Source = source;
                Destination = destination;
                Length = length;
                WriteUtc = writeUtc;
                Kind = kind;
                CompareFirst = compareFirst;
            }

            public string Source { get; }
            public string Destination { get; }
            public long Length { get; set; }
            public DateTime WriteUtc { get; set; }

            /// <summary>robocopy's word for why it is copied: "New File", "Newer", "Changed".</summary>
            public string Kind { get; }

            public bool DestinationExists { get; }

            /// <summary>-Checksum with equal sizes: compare the bytes before deciding to copy.</summary>
            public bool CompareFirst { get; }
        }
    }
}
