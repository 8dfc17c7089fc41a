<#
.SYNOPSIS
    Builds, tests, packages and documents OctoHa.
.DESCRIPTION
    A thin front end over tools/OctoHa.Build, the same driver .ci/run calls, so a local build and CI never diverge.
    Build    compiles the solution.
    Package  writes out/OctoHa/<version>/ (manifest, both cmdlet builds, format file, MAML help).
    Test     packages, runs the xunit suite, then the Pester suite in a fresh pwsh process.
    Docs     writes MAML from docs/help: with platyPS when it is installed, otherwise with the build tool's converter.
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Docs')]
    [string[]] $Task = 'Test',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-BuildTool([string] $Verb) {
    & dotnet run --project (Join-Path $PSScriptRoot 'tools/OctoHa.Build') -c Release -- $Verb --configuration $Configuration
    if ($LASTEXITCODE -ne 0) { throw "octoha build '$Verb' failed with exit code $LASTEXITCODE." }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-BuildTool build }
        'Package' { Invoke-BuildTool package }
        'Test' { Invoke-BuildTool test }
        'Docs' {
            if (Get-Module -ListAvailable -Name platyPS) {
                Import-Module platyPS
                $out = Join-Path $PSScriptRoot 'out/help/en-US'
                New-ExternalHelp -Path (Join-Path $PSScriptRoot 'docs/help') -OutputPath $out -Force | Out-Null
                Write-Host "platyPS wrote MAML to $out"
            }
            else {
                Invoke-BuildTool docs
            }
        }
    }
}
