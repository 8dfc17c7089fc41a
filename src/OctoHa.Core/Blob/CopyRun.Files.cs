using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace OctoHa.Blob
{
    internal sealed partial class CopyRun
    {
        private void CopyFiles()
        {
            foreach (List<FileWork> batch in _files.GetConsumingEnumerable(_ct))
            {
                foreach (FileWork work in batch) CopyOne(work);
            }
        }

        /// <summary>Copies one file, retrying transient errors and sources that change while being read.</summary>
        private void CopyOne(FileWork work)
        {
            for (int attempt = 0; ; attempt++)
            {
                _ct.ThrowIfCancellationRequested();
                string? problem;
                try
                {
                    if (work.CompareFirst && FileCopier.SameContent(work.Source, work.Destination, _ct))
                    {
                        Skip(work.Length);
                        return;
                    }
                    if (_request.ListOnly)
                    {
                        _observer.ShouldProcess(work.Destination, work.Kind == "New File" ? "Copy new file" : "Copy changed file");
                        Copied(work);
                        return;
                    }
                    if (FileCopier.Copy(work.Source, work.Length, work.WriteUtc, work.Destination, work.DestinationExists, _ct) == FileCopier.Outcome.Copied)
                    {
                        Copied(work);
                        return;
                    }
                    // A live file (a task log being written): take its new size and time, and try again at once.
                    problem = "it kept changing while it was copied (a file still being written); the destination was left as it was";
                    var now = new FileInfo(work.Source);
                    if (now.Exists)
                    {
                        Interlocked.Add(ref _summary.Bytes.total, now.Length - work.Length);
                        work.Length = now.Length;
                        work.WriteUtc = now.LastWriteTimeUtc;
                    }
                    if (attempt < _request.Retry) continue;
                }
                catch (FileNotFoundException) when (!File.Exists(work.Source))
                {
                    // Deleted from the source after it was listed (a purged log): nothing to copy any more.
                    Skip(work.Length);
                    _log.Entry("*GONE", work.Length, work.Source);
                    return;
                }
                catch (UnauthorizedAccessException ex)
                {
                    // Permission denied does not heal by waiting: report it and go on with the rest.
                    Fail(_summary.Files, work.Source, $"access denied ({ex.Message})", work.Length);
                    return;
                }
                catch (IOException ex)
                {
                    problem = ex.Message;
                    if (attempt < _request.Retry)
                    {
                        _log.Entry("RETRY", work.Length, $"{work.Source} : {ex.Message}");
                        if (_ct.WaitHandle.WaitOne(_request.RetryWait)) _ct.ThrowIfCancellationRequested();
                        continue;
                    }
                }
                Fail(_summary.Files, work.Source, $"{problem} (after {attempt + 1} attempt{(attempt == 0 ? "" : "s")})", work.Length);
                return;
            }
        }

        private void Copied(FileWork work)
        {
            Interlocked.Increment(ref _summary.Files.copied);
            Interlocked.Add(ref _summary.Bytes.copied, work.Length);
            _log.Entry(work.Kind, work.Length, work.Source);
        }
    }
}
