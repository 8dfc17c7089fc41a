# Shared by the Pester files: finds the packaged module and imports it.
function Get-OctoHaTestPackagePath {
    if ($env:OCTOHA_PACKAGE_PATH) { return $env:OCTOHA_PACKAGE_PATH }
    $root = Join-Path $PSScriptRoot '../../out/OctoHa'
    $latest = Get-ChildItem -LiteralPath $root -Directory -ErrorAction Stop |
        Sort-Object { [version]$_.Name } -Descending | Select-Object -First 1
    if (-not $latest) { throw "No package under $root. Run: dotnet run --project tools/OctoHa.Build -- package" }
    $latest.FullName
}

function Import-OctoHaTestModule {
    $manifest = Join-Path (Get-OctoHaTestPackagePath) 'OctoHa.psd1'
    Import-Module -Name $manifest -Force -ErrorAction Stop
}

# --- The emulated Octopus HA cluster (`octoha emulator start`), run as a real process for the cluster tests. ---

# The octoha CLI (octoha.dll): Invoke-OctoHaPester.ps1 sets OCTOHA_CLI; without it, the build tool's output folder.
function Get-OctoHaTestCliPath {
    if ($env:OCTOHA_CLI) { return $env:OCTOHA_CLI }
    [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/cli/octoha.dll'))
}

# Starts `octoha emulator start --output json`, waits for the one line of JSON it prints when it is ready, and
# returns ApiUrl, ApiKey (also as SecureApiKey), Nodes (Name, Url) and the Process. Stop it with Stop-OctoHaTestEmulator.
function Start-OctoHaTestEmulator {
    [CmdletBinding()]
    param(
        [int] $Nodes = 3,
        [double] $HeartbeatSeconds = 1,
        [double] $StartTimeoutSeconds = 60
    )
    $cli = Get-OctoHaTestCliPath
    if (-not (Test-Path -LiteralPath $cli -PathType Leaf)) {
        throw "The octoha CLI is not at '$cli'. Build it (dotnet run --project tools/OctoHa.Build -- package) or pass -CliPath to Invoke-OctoHaPester.ps1."
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $startInfo.Arguments = '"{0}" emulator start --nodes {1} --heartbeat-seconds {2} --output json' -f $cli, $Nodes,
        $HeartbeatSeconds.ToString([System.Globalization.CultureInfo]::InvariantCulture)
    $startInfo.UseShellExecute = $false
    $startInfo.CreateNoWindow = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.StandardOutputEncoding = [System.Text.Encoding]::UTF8
    $startInfo.StandardErrorEncoding = [System.Text.Encoding]::UTF8
    # The emulator must not pick up a developer's own Octopus settings.
    [void] $startInfo.EnvironmentVariables.Remove('OCTOPUS_URL')
    [void] $startInfo.EnvironmentVariables.Remove('OCTOPUS_API_KEY')

    $process = [System.Diagnostics.Process]::Start($startInfo)
    # Keep both pipes drained so the emulator can never block on a full pipe; stderr is kept for failure messages.
    $stderr = $process.StandardError.ReadToEndAsync()
    $firstLine = $process.StandardOutput.ReadLineAsync()
    $ready = $firstLine.Wait([TimeSpan]::FromSeconds($StartTimeoutSeconds))
    $line = if ($ready) { $firstLine.Result } else { $null }
    if (-not $line) {
        $why = if ($ready) { "exited with code $(if ($process.WaitForExit(5000)) { $process.ExitCode } else { 'unknown' })" } else { "printed nothing within $StartTimeoutSeconds s" }
        $errorText = ''
        Stop-OctoHaTestProcess -Process $process -StandardError $stderr -ErrorText ([ref] $errorText)
        throw "octoha emulator start $why. stderr: $errorText"
    }
    $null = $process.StandardOutput.ReadToEndAsync()

    try {
        $info = $line | ConvertFrom-Json
    }
    catch {
        Stop-OctoHaTestProcess -Process $process
        throw "octoha emulator start printed a first line that is not JSON: $line"
    }
    [pscustomobject]@{
        ApiUrl       = [string] $info.ApiUrl
        ApiKey       = [string] $info.ApiKey
        SecureApiKey = ConvertTo-SecureString -String ([string] $info.ApiKey) -AsPlainText -Force
        Nodes        = @($info.Nodes | ForEach-Object { [pscustomobject]@{ Name = [string] $_.Name; Url = [string] $_.Url } })
        Process      = $process
        StandardError = $stderr
    }
}

# Kills the process and waits for it; with -StandardError (its ReadToEndAsync task) also hands back what it wrote
# there, which must be read before the process object is disposed.
function Stop-OctoHaTestProcess {
    param(
        [System.Diagnostics.Process] $Process,
        $StandardError,
        [ref] $ErrorText
    )
    if (-not $Process) { return }
    try {
        if (-not $Process.HasExited) { $Process.Kill() }
        $null = $Process.WaitForExit(10000)
    }
    catch {
        # It exited between the check and the kill: nothing left to stop.
    }
    if ($StandardError -and $ErrorText) {
        try {
            $ErrorText.Value = if ($StandardError.Wait(5000)) { $StandardError.Result } else { '(stderr not readable in time)' }
        }
        catch {
            $ErrorText.Value = "(stderr not readable: $($_.Exception.Message))"
        }
    }
    $Process.Dispose()
}

# Kills the emulator process started by Start-OctoHaTestEmulator; a $null emulator (a failed start) is ignored.
function Stop-OctoHaTestEmulator {
    param($Emulator)
    if ($Emulator) { Stop-OctoHaTestProcess -Process $Emulator.Process }
}

# Calls one of the emulator's own control endpoints (/emulator/...), which Octopus Server does not have.
function Invoke-OctoHaTestEmulatorControl {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [ValidateSet('Post', 'Delete', 'Get')] [string] $Method = 'Post',
        $Body
    )
    $request = @{
        Method      = $Method
        Uri         = $Emulator.ApiUrl + $Path
        Headers     = @{ 'X-Octopus-ApiKey' = $Emulator.ApiKey }
        ErrorAction = 'Stop'
    }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request.Body = $Body | ConvertTo-Json -Depth 5 -Compress
        $request.ContentType = 'application/json'
    }
    Invoke-RestMethod @request
}

# Queues tasks on the cluster's shared queue; free nodes pick them up in turn on the emulator's next tick.
function Add-OctoHaTestTask {
    param(
        [Parameter(Mandatory)] $Emulator,
        [int] $Count = 1,
        [double] $DurationSeconds = 60,
        [string] $Name = 'Deploy',
        [string] $Description = 'Emulated deployment'
    )
    $null = Invoke-OctoHaTestEmulatorControl -Emulator $Emulator -Path 'emulator/tasks' -Body @{
        Name = $Name; Description = $Description; DurationSeconds = $DurationSeconds; Count = $Count
    }
}

# Kills a node's process (its own URL then refuses connections and it stops checking in), or revives it.
function Stop-OctoHaTestNode {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Name)
    $null = Invoke-OctoHaTestEmulatorControl -Emulator $Emulator -Path "emulator/nodes/$Name/kill"
}

function Start-OctoHaTestNode {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Name)
    $null = Invoke-OctoHaTestEmulatorControl -Emulator $Emulator -Path "emulator/nodes/$Name/revive"
}

# Makes the next matching requests fail: Kind Status (with StatusCode), Drop (connection aborted) or Delay.
function Add-OctoHaTestFault {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [ValidateSet('Status', 'Drop', 'Delay')] [string] $Kind,
        [int] $Count = 1,
        [int] $StatusCode = 500,
        [double] $DelayMilliseconds = 0,
        [string] $PathPrefix = '/api'
    )
    $null = Invoke-OctoHaTestEmulatorControl -Emulator $Emulator -Path 'emulator/faults' -Body @{
        Kind = $Kind; Count = $Count; StatusCode = $StatusCode; DelayMilliseconds = $DelayMilliseconds; PathPrefix = $PathPrefix
    }
}

function Clear-OctoHaTestFault {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-OctoHaTestEmulatorControl -Emulator $Emulator -Path 'emulator/faults' -Method Delete
}

# Polls until the condition returns a true value, and returns that value; throws after TimeoutSeconds.
# For asynchronous state (tasks picked up, check-ins, cancellations): never a fixed sleep alone.
function Wait-Until {
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 30,
        [int] $IntervalMilliseconds = 200,
        [string] $Because = 'the condition'
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $value = & $Condition
        if ($value) { return $value }
        if ([DateTime]::UtcNow -ge $deadline) { throw "Timed out after $TimeoutSeconds s waiting for $Because." }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

# --- Blob trees for Copy-OctoHaBlobData: real folders and files with exact sizes and explicit last-write times. ---

# The last-write time the blob tests give their files unless told otherwise: whole seconds in UTC, which every
# file system these tests run on stores exactly.
function Get-OctoHaTestFileTime {
    [datetime]::new(2024, 1, 15, 10, 30, 0, [System.DateTimeKind]::Utc)
}

# Writes a file with exactly this content (ASCII, no newline added, so its size is the content's length), creating
# its folders, replacing a file already there, and sets its last-write time. Returns the file.
function New-OctoHaTestFile {
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [Parameter(Position = 1)] [AllowEmptyString()] [string] $Content = 'blob data',
        [datetime] $LastWriteTimeUtc = (Get-OctoHaTestFileTime)
    )
    $file = New-Item -ItemType File -Path $Path -Force
    if ($Content.Length -gt 0) { Set-Content -LiteralPath $file.FullName -Value $Content -NoNewline }
    [System.IO.File]::SetLastWriteTimeUtc($file.FullName, [datetime]::SpecifyKind($LastWriteTimeUtc, [System.DateTimeKind]::Utc))
    Get-Item -LiteralPath $file.FullName -Force
}

# A fresh folder under $Root holding a source tree shaped like an Octopus data root ('src'); the destination
# ('dst') is not created. The tree has task logs, artifacts and packages, an empty folder, a zero-byte file, and
# names with spaces and non-ASCII characters. Returns Root, Source, Destination, FileCount, ByteCount,
# DirectoryCount (the source folder itself included, as robocopy counts it) and the non-ASCII name.
function New-OctoHaTestBlobCase {
    param([Parameter(Mandatory)] [string] $Root)
    $case = Join-Path $Root ([guid]::NewGuid().ToString('N').Substring(0, 8))
    $source = Join-Path $case 'src'
    # "resume" with two e-acutes, a space and two CJK characters, built from code points so that this file stays ASCII
    # (Windows PowerShell reads a .ps1 without a BOM as ANSI).
    $nonAscii = 'r' + [char]0x00E9 + 'sum' + [char]0x00E9 + ' ' + [char]0x65E5 + [char]0x672C

    $null = New-OctoHaTestFile (Join-Path $source 'TaskLogs/servertasks-101.log.txt') 'Task ServerTasks-101 finished'
    $null = New-OctoHaTestFile (Join-Path $source 'TaskLogs/servertasks-102.log.txt') 'Task ServerTasks-102 finished, with warnings'
    $null = New-Item -ItemType Directory -Path (Join-Path $source 'TaskLogs/Archive') -Force
    $null = New-OctoHaTestFile (Join-Path $source 'Artifacts/ServerTasks-101/Deploy to Production.txt') 'an artifact whose name has spaces'
    $null = New-OctoHaTestFile (Join-Path $source 'Artifacts/ServerTasks-101/empty.log') ''
    $null = New-OctoHaTestFile (Join-Path $source "Artifacts/$nonAscii/$nonAscii.txt") 'non-ASCII names'
    $null = New-OctoHaTestFile (Join-Path $source 'Packages/Acme.Web.1.0.0.nupkg') 'PK package bytes'

    $files = @(Get-ChildItem -LiteralPath $source -Recurse -File -Force)
    [pscustomobject]@{
        Root           = $case
        Source         = $source
        Destination    = Join-Path $case 'dst'
        FileCount      = $files.Count
        ByteCount      = [long] ($files | Measure-Object -Property Length -Sum).Sum
        DirectoryCount = @(Get-ChildItem -LiteralPath $source -Recurse -Directory -Force).Count + 1
        NonAsciiName   = $nonAscii
    }
}

# One string describing a tree: a line per folder ('path/') and per file ('path|size|last-write ticks'), with paths
# relative to $Path and '/' as the separator, sorted. Hidden and dot files are included. Two trees with the same
# string have the same folders and files with the same sizes and times. A missing folder gives ''.
function Get-OctoHaTestTree {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Container)) { return '' }
    $root = (Get-Item -LiteralPath $Path -Force).FullName.TrimEnd([System.IO.Path]::DirectorySeparatorChar, [System.IO.Path]::AltDirectorySeparatorChar)
    $lines = foreach ($item in Get-ChildItem -LiteralPath $root -Recurse -Force) {
        $relative = $item.FullName.Substring($root.Length + 1).Replace('\', '/')
        if ($item.PSIsContainer) { "$relative/" } else { '{0}|{1}|{2}' -f $relative, $item.Length, $item.LastWriteTimeUtc.Ticks }
    }
    ($lines | Sort-Object -CaseSensitive) -join "`n"
}

# The temporary files of the blob copy ('.NAME.octoha-partial-XXXXXXXX') anywhere under $Path.
function Get-OctoHaTestPartialFile {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return }
    Get-ChildItem -LiteralPath $Path -Recurse -Force -File | Where-Object Name -Like '*.octoha-partial-*'
}
