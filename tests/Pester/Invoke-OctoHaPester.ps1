<#
.SYNOPSIS
    Runs the Pester 5 suite against a packaged OctoHa module and writes a small JSON summary for the build tool.
.PARAMETER CliPath
    The octoha CLI (octoha.dll) whose `emulator start` the cluster tests run; defaults to out/cli/octoha.dll.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PackagePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $CliPath
)
$ErrorActionPreference = 'Stop'

if (-not (Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.3.0' })) {
    Write-Host 'Pester 5.3 or later is not installed; installing it for the current user.'
    Install-Module -Name Pester -MinimumVersion 5.3.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module -Name Pester -MinimumVersion 5.3.0

# The tests import the module from here; each run is a fresh pwsh process, so nothing is left loaded.
$env:OCTOHA_PACKAGE_PATH = (Resolve-Path -LiteralPath $PackagePath).ProviderPath

# The cluster tests start `dotnet $env:OCTOHA_CLI emulator start`. A missing CLI fails those tests, not the run.
if (-not $CliPath) { $CliPath = Join-Path $PSScriptRoot '../../out/cli/octoha.dll' }
$env:OCTOHA_CLI = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($CliPath)

$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [System.IO.Path]::ChangeExtension($SummaryPath, '.xml')
$result = Invoke-Pester -Configuration $config

# A failed BeforeAll or a broken file fails a block or container without failing a test: count those too.
[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount + $result.NotRunCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding utf8

exit ([int]($result.Result -ne 'Passed'))
