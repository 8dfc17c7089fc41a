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
        [Alias("Path", "SourcePath")]
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
                Source = GetUnresolvedProviderPathFromPSPath(Source),
                Destination = GetUnresolvedProviderPathFromPSPath(Destination),
                Mirror = Mirror.IsPresent,
                Force = Force.IsPresent,
                Folders = Folder ?? Array.Empty<string>(),
                ExcludeDirectories = ExcludeDirectory ?? Array.Empty<string>(),
                ExcludeFiles = ExcludeFile ?? Array.Empty<string>(),
                ThreadCount = ThreadCount,
                Checksum = Checksum.IsPresent,
                Retry = Retry,
                RetryWait = TimeSpan.FromSeconds(RetryWaitSeconds),
                LogPath = LogPath == null ? null : GetUnresolvedProviderPathFromPSPath(LogPath),
                // -WhatIf lists every file that would be copied or deleted (robocopy /L); -Confirm asks once.
                ListOnly = IsWhatIf(),
            };
            WriteObject(RunEngineAsync((observer, ct) => BlobCopier.CopyAsync(request, observer, ct)));
        }

        private bool IsWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
                ? ((SwitchParameter)value).IsPresent
                : GetVariableValue("WhatIfPreference") is object preference && LanguagePrimitives.IsTrue(preference);
    }
}
