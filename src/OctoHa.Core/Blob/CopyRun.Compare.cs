using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace OctoHa.Blob
{
    internal sealed partial class CopyRun
    {
        /// <summary>Compares one source directory with its destination twin: queues files to copy, handles extras.</summary>
        private void CompareDirectory(DirectoryWork work)
        {
            _ct.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _summary.Dirs.total);
            if (!PrepareDestination(work)) return;

            Dictionary<string, FileSystemInfo>? destination;
            bool destinationExists;
            try
            {
                destination = ListDestination(work.Destination, out destinationExists);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                Fail(_summary.Dirs, work.Destination, $"the destination folder could not be read ({ex.Message}); its files were not compared");
                return;
            }
            bool sourceListed = false;
            bool statDestination = destination == null && destinationExists;
            var batch = new List<FileWork>(BatchSize);
            try
            {
                foreach (FileSystemInfo entry in new DirectoryInfo(work.Source).EnumerateFileSystemInfos())
                {
                    _ct.ThrowIfCancellationRequested();
                    if (CopyPaths.IsTemp(entry.Name) || IsOwnLog(entry)) continue;
                    FileSystemInfo? twin = null;
                    if (destination != null && destination.TryGetValue(entry.Name, out twin)) destination.Remove(entry.Name);
                    if (entry is DirectoryInfo)
                    {
                        string relative = work.Relative.Length == 0 ? entry.Name : work.Relative + "/" + entry.Name;
                        // Links are never followed, so a copy can never wander out of the tree; they are reported as skipped.
                        if ((entry.Attributes & FileAttributes.ReparsePoint) != 0) SkipLink(_summary.Dirs, entry);
                        else if (!ExcludedDirectory(entry.Name, relative))
                            Enqueue(new DirectoryWork(entry.FullName, Path.Combine(work.Destination, entry.Name), relative));
                        continue;
                    }
                    if (ExcludedFile(entry.Name)) continue;
                    // The walker compares (stat-ing where the listing did not); only files to copy go to the copy threads,
                    // in batches, so a folder of small task logs costs few hand-offs.
                    CompareListed((FileInfo)entry, twin, statDestination, work.Destination, batch);
                    if (batch.Count >= BatchSize)
                    {
                        _files.Add(batch, _ct);
                        batch = new List<FileWork>(BatchSize);
                    }
                }
                if (batch.Count > 0) _files.Add(batch, _ct);
                sourceListed = true;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                Fail(_summary.Dirs, work.Source, $"the source folder could not be read ({ex.Message}); nothing in its destination was deleted");
            }

            // Extras are only judged on a fully read source folder: a read error must never look like a deletion.
            if (!sourceListed || !destinationExists) return;
            try
            {
                HandleExtras(work, destination);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                Fail(_summary.Dirs, work.Destination, $"the destination folder could not be read for extras ({ex.Message})");
            }
        }

        // The run's own log may sit inside either tree: it is neither copied nor deleted.
        private bool IsOwnLog(FileSystemInfo entry) => _logPath != null && string.Equals(entry.FullName, _logPath, CopyPaths.Comparison);

        /// <summary>Creates the destination folder (or, listing only, says it would). False when the subtree is skipped.</summary>
        private bool PrepareDestination(DirectoryWork work)
        {
            if (File.Exists(work.Destination))
            {
                Interlocked.Increment(ref _summary.Dirs.mismatch);
                _summary.AddFailure(work.Destination, "a file at the destination has the name of a source folder; that folder was not copied");
                _log.Entry("*MISMATCH", null, work.Destination);
                return false;
            }
            if (Directory.Exists(work.Destination))
            {
                Interlocked.Increment(ref _summary.Dirs.skipped);
                return true;
            }
            Interlocked.Increment(ref _summary.Dirs.copied);
            _log.Entry("New Dir", null, work.Destination);
            if (_request.ListOnly)
            {
                _observer.ShouldProcess(work.Destination, "Create folder");
                return true;
            }
            try
            {
                Directory.CreateDirectory(work.Destination);
                return true;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                Fail(_summary.Dirs, work.Destination, $"the destination folder could not be created ({ex.Message})");
                return false;
            }
        }

        /// <summary>The destination folder's entries by name, or null when it is too big to hold (then files are stat-ed one by one).</summary>
        private Dictionary<string, FileSystemInfo>? ListDestination(string folder, out bool exists)
        {
            exists = Directory.Exists(folder);
            var entries = new Dictionary<string, FileSystemInfo>(CopyPaths.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            if (!exists) return entries;
            foreach (FileSystemInfo entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (CopyPaths.IsTemp(entry.Name))
                {
                    // Left by an interrupted run: never a finished file, so it goes.
                    if (!_request.ListOnly) SafeFile.TryDelete(entry.FullName);
                    continue;
                }
                if (entries.Count >= _request.ListingLimit) return null; // too big to hold: stat file by file
                entries[entry.Name] = entry;
            }
            return entries;
        }

        private void SkipLink(CopyCounters counters, FileSystemInfo entry)
        {
            Interlocked.Increment(ref counters.total);
            Interlocked.Increment(ref counters.skipped);
            _log.Entry("*LINK skipped", null, entry.FullName);
        }

        private void CompareListed(FileInfo source, FileSystemInfo? twin, bool statDestination, string destinationFolder, List<FileWork> batch)
        {
            try
            {
                CompareFile(source, twin, statDestination, destinationFolder, batch);
            }
            catch (FileNotFoundException) when (!File.Exists(source.FullName))
            {
                _log.Entry("*GONE", null, source.FullName); // deleted at the source after it was listed
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Fail(_summary.Files, source.FullName, $"it could not be read ({ex.Message})");
            }
        }

        /// <summary>Stats one source file and its twin, and queues it for copying if robocopy's rule says so.</summary>
        private void CompareFile(FileInfo source, FileSystemInfo? twin, bool statDestination, string destinationFolder, List<FileWork> batch)
        {
            if ((source.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                SkipLink(_summary.Files, source);
                return;
            }
            long length = source.Length;
            Interlocked.Increment(ref _summary.Files.total);
            Interlocked.Add(ref _summary.Bytes.total, length);
            // The listed twin already carries the destination path; only a new or stat-ed file needs one built.
            string target = twin?.FullName ?? Path.Combine(destinationFolder, source.Name);
            if (statDestination)
            {
                var file = new FileInfo(target);
                twin = file.Exists ? file : Directory.Exists(target) ? new DirectoryInfo(target) : null;
            }

            if (twin is DirectoryInfo)
            {
                Interlocked.Increment(ref _summary.Files.mismatch);
                Interlocked.Add(ref _summary.Bytes.mismatch, length);
                _summary.AddFailure(target, "a folder at the destination has the name of a source file; the file was not copied");
                _log.Entry("*MISMATCH", length, target);
                return;
            }
            var existing = twin as FileInfo;
            DateTime written = source.LastWriteTimeUtc;
            if (existing == null)
            {
                batch.Add(new FileWork(source.FullName, target, length, written, "New File", false));
            }
            else if (existing.Length != length)
            {
                batch.Add(new FileWork(source.FullName, target, length, written, written > existing.LastWriteTimeUtc ? "Newer" : "Changed", false));
            }
            else if (_request.Checksum)
            {
                batch.Add(new FileWork(source.FullName, target, length, written, "Changed", true));
            }
            else if (existing.LastWriteTimeUtc != written)
            {
                batch.Add(new FileWork(source.FullName, target, length, written, written > existing.LastWriteTimeUtc ? "Newer" : "Older", false));
            }
            else
            {
                Skip(length);
            }
        }

        private void Skip(long length)
        {
            Interlocked.Increment(ref _summary.Files.skipped);
            Interlocked.Add(ref _summary.Bytes.skipped, length);
        }

        /// <summary>What the destination has and the source lacks: counted always, deleted only when mirroring.</summary>
        private void HandleExtras(DirectoryWork work, Dictionary<string, FileSystemInfo>? leftovers)
        {
            IEnumerable<FileSystemInfo> extras = leftovers?.Values ?? StreamExtras(work);
            foreach (FileSystemInfo extra in extras)
            {
                _ct.ThrowIfCancellationRequested();
                if (IsOwnLog(extra)) continue;
                string relative = work.Relative.Length == 0 ? extra.Name : work.Relative + "/" + extra.Name;
                bool isDirectory = extra is DirectoryInfo && (extra.Attributes & FileAttributes.ReparsePoint) == 0;
                // Excluded names are outside the copy: neither counted nor deleted.
                if (isDirectory ? ExcludedDirectory(extra.Name, relative) : ExcludedFile(extra.Name)) continue;
                long length = extra is FileInfo f ? f.Length : 0;
                Interlocked.Increment(ref (isDirectory ? _summary.Dirs : _summary.Files).extras);
                if (length > 0) Interlocked.Add(ref _summary.Bytes.extras, length);
                _log.Entry(isDirectory ? "*EXTRA Dir" : "*EXTRA File", isDirectory ? (long?)null : length, extra.FullName);
                if (!_request.Mirror) continue;
                if (_request.ListOnly)
                {
                    _observer.ShouldProcess(extra.FullName, isDirectory ? "Delete extra folder" : "Delete extra file");
                    continue;
                }
                try
                {
                    Delete(extra, isDirectory);
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
                {
                    Fail(isDirectory ? _summary.Dirs : _summary.Files, extra.FullName, $"the extra {(isDirectory ? "folder" : "file")} could not be deleted ({ex.Message})");
                }
            }
        }

        // For a huge destination folder: each entry is checked against the source by name, one stat at a time.
        private IEnumerable<FileSystemInfo> StreamExtras(DirectoryWork work)
        {
            foreach (FileSystemInfo entry in new DirectoryInfo(work.Destination).EnumerateFileSystemInfos())
            {
                if (CopyPaths.IsTemp(entry.Name)) continue;
                string twin = Path.Combine(work.Source, entry.Name);
                if (!File.Exists(twin) && !Directory.Exists(twin)) yield return entry;
            }
        }

        private static void Delete(FileSystemInfo entry, bool isDirectory)
        {
            if ((entry.Attributes & FileAttributes.ReadOnly) != 0 && !isDirectory) entry.Attributes &= ~FileAttributes.ReadOnly;
            if (!isDirectory)
            {
                entry.Delete(); // a link is deleted itself, never its target
                return;
            }
            foreach (FileSystemInfo child in ((DirectoryInfo)entry).EnumerateFileSystemInfos())
            {
                Delete(child, child is DirectoryInfo && (child.Attributes & FileAttributes.ReparsePoint) == 0);
            }
            ((DirectoryInfo)entry).Delete(false);
        }
    }
}
