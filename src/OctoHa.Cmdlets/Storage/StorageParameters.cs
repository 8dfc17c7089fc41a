using System;
using OctoHa.Storage;

namespace OctoHa.Cmdlets.Storage
{
    /// <summary>The check thresholds both shared-storage cmdlets take, copied onto the engine request.</summary>
    internal static class StorageParameters
    {
        internal static void Limits(OctoHaCmdlet cmdlet, StorageCheckLimits limits, int warnMs, int failMs, int samples, int freeGb, string? mountTable)
        {
            if (warnMs > failMs)
                cmdlet.ArgumentError("InvalidLatencyThresholds",
                    $"-LatencyWarningMilliseconds ({warnMs}) must not be higher than -LatencyFailureMilliseconds ({failMs}).", warnMs);
            limits.LatencyWarning = TimeSpan.FromMilliseconds(warnMs);
            limits.LatencyFailure = TimeSpan.FromMilliseconds(failMs);
            limits.LatencySamples = samples;
            limits.FreeSpaceWarning = freeGb * StorageCheckLimits.GiB;
            limits.MountTable = string.IsNullOrWhiteSpace(mountTable) ? null : cmdlet.PathOnFileSystem(mountTable!, "MountTable", "the mount table is a file");
        }
    }
}
