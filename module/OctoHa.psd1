#
# Module manifest for OctoHa. ModuleVersion is filled in by the package step from Directory.Build.props,
# the one version source; do not edit it here.
#
@{
    RootModule           = 'OctoHa.psm1'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '6f2b8f4e-3c1d-4b7a-9a52-0c8e5d4f7a31'
    Author               = 'OctoHa contributors'
    CompanyName          = 'OctoHa'
    Copyright            = '(c) 2026 OctoHa contributors. MIT License.'
    Description          = 'Safe, scriptable operations for Octopus Deploy High Availability: node state, task caps, drain and wait, node removal, health checks, polling Tentacles on every node, shared storage, blob mirroring and capacity planning.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('OctoHa.Format.ps1xml')
    CmdletsToExport      = @(
        'Add-OctoHaNode'
        'Connect-OctoHaServer'
        'Copy-OctoHaBlobData'
        'Get-OctoHaNode'
        'Get-OctoHaPollingTentacle'
        'Get-OctoHaTaskCapPlan'
        'Invoke-OctoHaDrain'
        'New-OctoHaSharedStorage'
        'Register-OctoHaPollingTentacle'
        'Remove-OctoHaNode'
        'Resume-OctoHaNode'
        'Set-OctoHaTaskCap'
        'Test-OctoHaDatabase'
        'Test-OctoHaNode'
        'Test-OctoHaSharedStorage'
        'Unregister-OctoHaPollingTentacle'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Octopus', 'OctopusDeploy', 'HighAvailability', 'HA', 'DevOps', 'Deployment', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ProjectUri   = 'https://github.com/octoha/octoha'
            LicenseUri   = 'https://github.com/octoha/octoha/blob/main/LICENSE'
            ReleaseNotes = 'Task cap planning; cluster node operations: list, task cap, drain and wait, resume, remove, ping.'
        }
    }
}
