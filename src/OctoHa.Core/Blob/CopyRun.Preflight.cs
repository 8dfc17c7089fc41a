using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OctoHa.Blob
{
    internal sealed partial class CopyRun
    {
        /// <summary>
        /// Checks the request before anything is touched: sane paths, neither inside the other, and, for a mirror,
        /// a source that is present, readable and not empty when the destination has content (unless forced).
        /// </summary>
        private List<DirectoryWork> Preflight()
        {
            if (_request.ThreadCount < 1 || _request.ThreadCount > 128)
                throw Invalid("InvalidThreadCount", "ThreadCount", $"The thread count must be between 1 and 128 ({_request.ThreadCount} was given).");
            if (_request.Retry < 0)
                throw Invalid("InvalidRetry", "Retry", $"The retry count cannot be negative ({_request.Retry} was given).");
            if (_request.RetryWait < TimeSpan.Zero)
                throw Invalid("InvalidRetryWait", "RetryWaitSeconds", $"The retry wait cannot be negative ({_request.RetryWait.TotalSeconds} s was given).");

            string source = CopyPaths.Full(_request.Source, "Source");
            string destination = CopyPaths.Full(_request.Destination, "Destination");
            _summary.Source = source;
            _summary.Destination = destination;
            if (string.Equals(source, destination, CopyPaths.Comparison))
                throw Invalid("SameSourceAndDestination", "Destination", $"The source and the destination are the same folder ({source}). Give a different destination.");
            if (CopyPaths.IsSameOrInside(destination, source))
                throw Invalid("DestinationInsideSource", "Destination", $"The destination {destination} is inside the source {source}: the copy would copy itself. Choose a destination outside the source.");
            if (CopyPaths.IsSameOrInside(source, destination))
                throw Invalid("SourceInsideDestination", "Destination", $"The source {source} is inside the destination {destination}" +
                    (_request.Mirror ? ", so a mirror would delete it." : ".") + " Choose a destination that does not contain the source.");

            var folders = BlobFolders.Resolve(_request.Folders);
            if (folders.Count == 0)
            {
                if (!Directory.Exists(source))
                {
                    if (File.Exists(source)) throw Invalid("SourceNotAFolder", "Source", $"The source {source} is a file, not a folder.");
                    throw new OctoHaException("SourceNotFound", OctoHaErrorKind.ObjectNotFound,
                        $"The source folder {source} does not exist or cannot be reached. Check the path (and, for a share, that this account can reach it); nothing was copied or deleted.", source);
                }
                CheckMirrorSafety(source, destination);
                return new List<DirectoryWork> { new DirectoryWork(source, destination, "") };
            }

            // -Folder: only those blob folders, each mirrored on its own, so nothing else at the destination is touched.
            // The data root itself must be there: an unmounted share must not look like "nothing to do".
            if (!Directory.Exists(source))
            {
                if (File.Exists(source)) throw Invalid("SourceNotAFolder", "Source", $"The source {source} is a file, not an Octopus data root folder.");
                throw new OctoHaException("SourceNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"The source data root {source} does not exist or cannot be reached. Check the path (and, for a share, that this account can reach it); nothing was copied or deleted.", source);
            }
            var roots = new List<DirectoryWork>();
            foreach (string folder in folders)
            {
                string from = Path.Combine(source, folder), to = Path.Combine(destination, folder);
                if (!Directory.Exists(from))
                {
                    if (_request.Mirror && HasContent(to) && !_request.Force)
                        throw Refuse(from, to, "does not exist");
                    _observer.Warning($"The source has no {folder} folder ({from}); it was skipped.");
                    continue;
                }
                CheckMirrorSafety(from, to);
                roots.Add(new DirectoryWork(from, to, folder));
            }
            return roots;
        }

        private void CheckMirrorSafety(string source, string destination)
        {
            if (!_request.Mirror || _request.Force) return;
            bool sourceHasContent;
            try
            {
                sourceHasContent = new DirectoryInfo(source).EnumerateFileSystemInfos().Any(e => !CopyPaths.IsTemp(e.Name));
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                throw Refuse(source, destination, $"cannot be read ({ex.Message})");
            }
            if (!sourceHasContent && HasContent(destination)) throw Refuse(source, destination, "is empty");
        }

        private static bool HasContent(string folder)
        {
            try
            {
                return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException)
            {
                return true; // unknown: assume there is something to protect
            }
        }

        private static OctoHaException Refuse(string source, string destination, string state) =>
            new OctoHaException("MirrorSourceNotSound", OctoHaErrorKind.InvalidOperation,
                $"Refusing to mirror: the source {source} {state} while the destination {destination} has content, so a mirror would delete it all. " +
                "Nothing was deleted. Check the source path (a share that is not mounted looks empty); use -Force / --force only if emptying the destination is really wanted.",
                source);

        private static OctoHaException Invalid(string id, string target, string message) =>
            new OctoHaException(id, OctoHaErrorKind.InvalidArgument, message, target);
    }
}
