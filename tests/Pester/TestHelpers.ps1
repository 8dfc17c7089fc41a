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
