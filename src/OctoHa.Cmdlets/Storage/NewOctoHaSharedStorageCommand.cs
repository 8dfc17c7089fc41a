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
    public sealed class NewOctoHaSharedStorageCommand : OctoHaStorageCmdlet
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

        protected override void ProcessRecord()
        {
            var request = new SharedStorageRequest
            {
                Path = FileSystemPath(Path, nameof(Path), "the storage root is a folder"),
                LinkPath = string.IsNullOrWhiteSpace(LinkPath) ? null : FileSystemPath(LinkPath!, nameof(LinkPath), "the links are made in a folder"),
                ServiceAccount = ServiceAccount,
                Instance = Instance,
                SkipClusterShared = SkipClusterShared.IsPresent,
                ServerPath = ProgramPath(ServerPath, nameof(ServerPath), "Octopus.Server is a program file"),
            };
            ApplyLimits(request);
            var result = RunEngine((observer, ct) => SharedStorage.New(request, observer, ct));
            if (!IsWhatIf()) WriteObject(result);
        }
    }
}
