using System;
using System.Management.Automation;
using OctoHa.Storage;

namespace OctoHa.Cmdlets.Storage
{
    /// <summary>
    /// Base of the two shared-storage cmdlets: the check thresholds both take. Typed as plain numbers and strings
    /// (engine types stay in method bodies, see ModuleInitializer).
    /// </summary>
    public abstract class OctoHaStorageCmdlet : OctoHaCmdlet
    {
        [Parameter]
        [ValidateRange(0, 600000)]
        public int LatencyWarningMilliseconds { get; set; } = 50;

        [Parameter]
        [ValidateRange(0, 600000)]
        public int LatencyFailureMilliseconds { get; set; } = 1000;

        [Parameter]
        [ValidateRange(1, 1000)]
        public int LatencySampleCount { get; set; } = 20;

        [Parameter]
        [ValidateRange(0, 1048576)]
        public int FreeSpaceWarningGB { get; set; } = 10;

        /// <summary>The Linux mount table to read instead of /proc/self/mountinfo.</summary>
        [Parameter]
        public string? MountTable { get; set; }

        /// <summary>Copies the thresholds onto the engine request (a StorageCheckLimits).</summary>
        private protected void ApplyLimits(StorageCheckLimits limits)
        {
            if (LatencyWarningMilliseconds > LatencyFailureMilliseconds)
                ArgumentError("InvalidLatencyThresholds",
                    $"-LatencyWarningMilliseconds ({LatencyWarningMilliseconds}) must not be higher than -LatencyFailureMilliseconds ({LatencyFailureMilliseconds}).", LatencyWarningMilliseconds);
            limits.LatencyWarning = TimeSpan.FromMilliseconds(LatencyWarningMilliseconds);
            limits.LatencyFailure = TimeSpan.FromMilliseconds(LatencyFailureMilliseconds);
            limits.LatencySamples = LatencySampleCount;
            limits.FreeSpaceWarning = FreeSpaceWarningGB * StorageCheckLimits.GiB;
            limits.MountTable = string.IsNullOrWhiteSpace(MountTable) ? null : FileSystemPath(MountTable!, nameof(MountTable), "the mount table is a file");
        }
    }
}
