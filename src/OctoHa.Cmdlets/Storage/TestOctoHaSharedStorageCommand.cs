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
    public sealed class TestOctoHaSharedStorageCommand : OctoHaStorageCmdlet
    {
        /// <summary>The storage root; New-OctoHaSharedStorage's result binds by its Path.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public string Path { get; set; } = "";

        protected override void ProcessRecord()
        {
            var request = new SharedStorageTestRequest
            {
                Path = FileSystemPath(Path, nameof(Path), "the storage root is a folder"),
            };
            ApplyLimits(request);
            var checks = RunEngine((observer, ct) => SharedStorageTester.Test(request, observer, ct));
            foreach (var check in checks) WriteObject(check);
        }
    }
}
