using System.Management.Automation;
using OctoHa.Storage;

namespace OctoHa.Cmdlets.Storage
{
    /// <summary>
    /// Test-OctoHaSharedStorage: one Pass/Warn/Fail result per check of a shared storage root. Probe files are written
    /// and deleted; nothing else is touched. Twin: octoha storage test.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OctoHaSharedStorage")]
    [OutputType(typeof(CheckResult))]
    public sealed class TestOctoHaSharedStorageCommand : OctoHaCmdlet
    {
        /// <summary>The storage root; New-OctoHaSharedStorage's result binds by its Path.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string Path { get; set; } = "";

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

        protected override void ProcessRecord()
        {
            var request = new SharedStorageTestRequest
            {
                Path = FileSystemPath(Path, nameof(Path), "the storage root is a folder"),
            };
            StorageParameters.Limits(this, request, LatencyWarningMilliseconds, LatencyFailureMilliseconds, LatencySampleCount, FreeSpaceWarningGB, MountTable);
            var checks = RunEngine((observer, ct) => SharedStorageTester.Test(request, observer, ct));
            foreach (var check in checks) WriteObject(check);
        }
    }
}
