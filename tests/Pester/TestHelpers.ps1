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
