using System;
using System.Management.Automation;
using OctoHa.Blob;

namespace OctoHa.Cmdlets.Blob
{
    /// <summary>Copy-OctoHaBlobData: robocopy-style copy or mirror of Octopus blob folders. Twin: octoha blob copy.</summary>
    [Cmdlet(VerbsCommon.Copy, "OctoHaBlobData", SupportsShouldProcess = true)]
    [OutputType(typeof(BlobCopySummary))]
    public sealed class CopyOctoHaBlobDataCommand : OctoHaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("SourcePath")]
        public string Source { get; set; } = "";

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("DestinationPath")]
        public string Destination { get; set; } = "";

        /// <summary>Also delete what the source lacks (robocopy /MIR).</summary>
        [Parameter]
        public SwitchParameter Mirror { get; set; }

        [Parameter]
        [ValidateSet("TaskLogs", "Artifacts", "Packages", "Imports", "EventExports", "Telemetry", IgnoreCase = true)]
        public string[]? Folder { get; set; }

        [Parameter]
        [SupportsWildcards]
        public string[]? ExcludeDirectory { get; set; }

        [Parameter]
        [SupportsWildcards]
        public string[]? ExcludeFile { get; set; }

        [Parameter]
        [ValidateRange(1, 128)]
        public int ThreadCount { get; set; } = BlobCopyRequest.DefaultThreadCount;

        [Parameter]
        public SwitchParameter Checksum { get; set; }

        [Parameter]
        [ValidateRange(0, 1000)]
        public int Retry { get; set; } = 3;

        [Parameter]
        [ValidateRange(0, 3600)]
        public int RetryWaitSeconds { get; set; } = 5;

        [Parameter]
        public string? LogPath { get; set; }

        /// <summary>Mirror even if the source is missing or empty while the destination has content.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var request = new BlobCopyRequest
            {
                Source = FileSystemPath(Source, nameof(Source), "blob data can only be copied between file-system folders"),
                Destination = FileSystemPath(Destination, nameof(Destination), "blob data can only be copied between file-system folders"),
                Mirror = Mirror.IsPresent,
                Force = Force.IsPresent,
                Folders = Folder ?? Array.Empty<string>(),
                ExcludeDirectories = ExcludeDirectory ?? Array.Empty<string>(),
                ExcludeFiles = ExcludeFile ?? Array.Empty<string>(),
                ThreadCount = ThreadCount,
                Checksum = Checksum.IsPresent,
                Retry = Retry,
                RetryWait = TimeSpan.FromSeconds(RetryWaitSeconds),
                LogPath = LogPath == null ? null : FileSystemPath(LogPath, nameof(LogPath), "the log is a file"),
                // -WhatIf lists every file that would be copied or deleted (robocopy /L); -Confirm asks once.
                ListOnly = IsWhatIf(),
            };
            BlobCopySummary summary = RunEngineAsync((observer, ct) => BlobCopier.CopyAsync(request, observer, ct));
            if (summary.Declined) return; // the user said no at the -Confirm prompt: nothing was done, nothing to report
            // Each file that failed is also an error record, so -ErrorAction, -ErrorVariable and $Error see it.
            foreach (CopyFailure failure in summary.Failures)
            {
                WriteError(new ErrorRecord(new System.IO.IOException($"{failure.Path}: {failure.Reason}"), "BlobCopyItemFailed", ErrorCategory.WriteError, failure.Path));
            }
            WriteObject(summary);
        }
    }
}
