using System;

namespace OctoHa.Storage
{
    /// <summary>The limits the storage checks judge against, and the mount table they read; shared by Test- and New-OctoHaSharedStorage.</summary>
    public abstract class StorageCheckLimits
    {
        public static readonly TimeSpan DefaultLatencyWarning = TimeSpan.FromMilliseconds(50);
        public static readonly TimeSpan DefaultLatencyFailure = TimeSpan.FromSeconds(1);
        public const int DefaultLatencySamples = 20;
        public const long GiB = 1024L * 1024 * 1024;
        public const long DefaultFreeSpaceWarning = 10 * GiB;

        /// <summary>The mount table to read on Linux (default /proc/self/mountinfo, else /proc/mounts); tests pass a prepared one.</summary>
        public string? MountTable { get; set; }

        /// <summary>Latency is Warn when the median small-file round trip takes longer than this (default 50 ms).</summary>
        public TimeSpan LatencyWarning { get; set; } = DefaultLatencyWarning;

        /// <summary>Latency is Fail when the median round trip takes longer than this (default 1 s).</summary>
        public TimeSpan LatencyFailure { get; set; } = DefaultLatencyFailure;

        /// <summary>How many small-file round trips (create, write, flush, read, delete) the median is taken over (default 20).</summary>
        public int LatencySamples { get; set; } = DefaultLatencySamples;

        /// <summary>FreeSpace is Warn below this many bytes free for this account (default 10 GiB).</summary>
        public long FreeSpaceWarning { get; set; } = DefaultFreeSpaceWarning;

        internal void Validate()
        {
            if (LatencySamples < 1 || LatencySamples > 1000)
                throw new OctoHaException("InvalidLatencySamples", OctoHaErrorKind.InvalidArgument,
                    $"The latency sample count must be from 1 to 1000; {LatencySamples} was given.");
            if (LatencyWarning < TimeSpan.Zero || LatencyFailure < TimeSpan.Zero || LatencyWarning > LatencyFailure)
                throw new OctoHaException("InvalidLatencyThresholds", OctoHaErrorKind.InvalidArgument,
                    $"The latency thresholds must be positive, the warning one no higher than the failure one; {LatencyWarning.TotalMilliseconds:0} ms and {LatencyFailure.TotalMilliseconds:0} ms were given.");
            if (FreeSpaceWarning < 0)
                throw new OctoHaException("InvalidFreeSpaceThreshold", OctoHaErrorKind.InvalidArgument,
                    "The free-space threshold cannot be negative.");
        }
    }
}
