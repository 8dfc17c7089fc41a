using System.Management.Automation;
using OctoHa.Storage;

namespace OctoHa.Cmdlets.Storage
{
    /// <summary>
    /// New-OctoHaSharedStorage: the six blob folders under a shared root, optional links and grant, the storage checks,
    /// then `Octopus.Server path --clusterShared ROOT`. Idempotent. Twin: octoha storage new.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "OctoHaSharedStorage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SharedStorageResult))]
    public sealed class NewOctoHaSharedStorageCommand : OctoHaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Path { get; set; } = "";

        /// <summary>A local folder that gets one symbolic link per blob folder, pointing into the root.</summary>
        [Parameter]
        public string? LinkPath { get; set; }

        [Parameter]
        public string? ServiceAccount { get; set; }

        [Parameter]
        public string? ServerPath { get; set; }

        [Parameter]
        public string? Instance { get; set; }

        [Parameter]
        public SwitchParameter SkipClusterShared { get; set; }

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

        [Parameter]
        public string? MountTable { get; set; }

        protected override void ProcessRecord()
        {
            var request = new SharedStorageRequest
            {
                Path = FileSystemPath(Path, nameof(Path), "the storage root is a folder"),
                LinkPath = string.IsNullOrWhiteSpace(LinkPath) ? null : FileSystemPath(LinkPath!, nameof(LinkPath), "the links are made in a folder"),
                ServiceAccount = ServiceAccount,
                Instance = Instance,
                SkipClusterShared = SkipClusterShared.IsPresent,
                // A bare name ("Octopus.Server") is looked up on PATH by the OS; anything with a folder is a PowerShell path.
                ServerPath = string.IsNullOrWhiteSpace(ServerPath) || ServerPath!.IndexOfAny(new[] { '/', '\\' }) < 0
                    ? ServerPath
                    : FileSystemPath(ServerPath, nameof(ServerPath), "Octopus.Server is a program file"),
            };
            StorageParameters.Limits(this, request, LatencyWarningMilliseconds, LatencyFailureMilliseconds, LatencySampleCount, FreeSpaceWarningGB, MountTable);
            var result = RunEngine((observer, ct) => SharedStorage.New(request, observer, ct));
            if (!IsWhatIf()) WriteObject(result);
        }
    }
}
