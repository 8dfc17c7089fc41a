using System;
using System.Collections.Generic;
using System.Threading;

namespace OctoHa.Blob
{
    /// <summary>One row of robocopy's summary table.</summary>
    public sealed class CopyCounters
    {
        internal long total, copied, skipped, mismatch, failed, extras;

        public long Total => Interlocked.Read(ref total);
        public long Copied => Interlocked.Read(ref copied);
        public long Skipped => Interlocked.Read(ref skipped);
        public long Mismatch => Interlocked.Read(ref mismatch);
        public long Failed => Interlocked.Read(ref failed);

        /// <summary>At the destination but not in the source: deleted under Mirror, otherwise only counted.</summary>
        public long Extras => Interlocked.Read(ref extras);

        public override string ToString() => $"Total {Total}, Copied {Copied}, Skipped {Skipped}, Mismatch {Mismatch}, Failed {Failed}, Extras {Extras}";
    }

    /// <summary>A file or folder that could not be copied, compared or deleted, and why.</summary>
    public sealed class CopyFailure
    {
        public CopyFailure(string path, string reason)
        {
            Path = path;
            Reason = reason;
        }

        public string Path { get; }
        public string Reason { get; }
        public override string ToString() => $"{Path}: {Reason}";
    }

    /// <summary>The outcome of a blob copy, shaped like robocopy's summary, with its exit code.</summary>
    public sealed class BlobCopySummary
    {
        internal const int MaxListedFailures = 1000;
        private readonly List<CopyFailure> _failures = new List<CopyFailure>();

        public string Source { get; set; } = "";
        public string Destination { get; set; } = "";
        public bool Mirror { get; set; }
        public bool ListOnly { get; set; }

        /// <summary>The confirmation was declined, so nothing was looked at or changed.</summary>
        public bool Declined { get; set; }
        public CopyCounters Dirs { get; } = new CopyCounters();
        public CopyCounters Files { get; } = new CopyCounters();
        public CopyCounters Bytes { get; } = new CopyCounters();
        public TimeSpan Duration { get; set; }

        /// <summary>Bytes copied per second over the whole run.</summary>
        public double BytesPerSecond => Duration.TotalSeconds > 0 ? Math.Round(Bytes.Copied / Duration.TotalSeconds) : 0;

        /// <summary>The first failures with their reasons (all of them are in the log).</summary>
        public IReadOnlyList<CopyFailure> Failures { get { lock (_failures) return _failures.ToArray(); } }

        /// <summary>robocopy's bit mask: 1 files copied, 2 extras seen, 4 mismatches, 8 failures, 16 fatal.</summary>
        public int ExitCode =>
            (Files.Copied > 0 ? 1 : 0) | (Files.Extras + Dirs.Extras > 0 ? 2 : 0) | (Files.Mismatch + Dirs.Mismatch > 0 ? 4 : 0) | (Files.Failed + Dirs.Failed > 0 ? 8 : 0);

        internal void AddFailure(string path, string reason)
        {
            lock (_failures)
            {
                if (_failures.Count < MaxListedFailures) _failures.Add(new CopyFailure(path, reason));
            }
        }
    }
}
