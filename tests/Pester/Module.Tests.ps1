#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# The module's contract, checked from inside PowerShell through its public surface.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $cmdlets = @(Get-Command -Module OctoHa -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name; Verb = $_.Verb } })
    # Verbs that only read, or (Connect) only change this session's defaults.
    $readOnlyVerbs = @('Get', 'Test', 'Find', 'Search', 'Show', 'Measure', 'Compare', 'Resolve', 'Trace', 'Watch', 'Read', 'Format', 'Connect')
    $stateChanging = @($cmdlets | Where-Object { $_.Verb -notin $readOnlyVerbs })
    $removers = @($cmdlets | Where-Object { $_.Verb -eq 'Remove' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $script:packagePath = Get-OctoHaTestPackagePath
    $script:manifestPath = Join-Path $packagePath 'OctoHa.psd1'
    $script:manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
}

Describe 'The OctoHa manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets it lists' {
        $exported = (Get-Module -Name OctoHa).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'carries the cmdlet assembly version' {
        $edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }
        $assembly = [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $packagePath "$edition/OctoHa.Cmdlets.dll"))
        $v = $assembly.Version
        [version]$manifest.ModuleVersion | Should -Be ([version]::new($v.Major, $v.Minor, $v.Build))
    }

    It 'has what the PowerShell Gallery asks for' {
        foreach ($key in 'Description', 'Author', 'CompanyName', 'Copyright') { $manifest[$key] | Should -Not -BeNullOrEmpty }
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.CompatiblePSEditions | Should -Contain 'Core'
        $manifest.PrivateData.PSData.Tags | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
    }
}

Describe 'Cmdlet <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command -Name $Name -Module OctoHa
    }

    It 'uses an approved verb and the OctoHa noun prefix' {
        (Get-Verb).Verb | Should -Contain $command.Verb
        $command.Noun | Should -BeLike 'OctoHa*'
    }

    It 'declares its output type' {
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has help with a synopsis, a description, an example and every parameter described' {
        $help = Get-Help -Name $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$Name *[<]*" # not the syntax PowerShell makes up when help is missing
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $common }) {
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "-$parameter must be documented"
            ($entry.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }
}

Describe 'State-changing cmdlet <Name>' -ForEach $stateChanging {
    It 'supports -WhatIf and -Confirm' {
        $command = Get-Command -Name $Name -Module OctoHa
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
    }
}

Describe 'Remove cmdlet <Name>' -ForEach $removers {
    It 'has ConfirmImpact High' {
        $type = (Get-Command -Name $Name -Module OctoHa).ImplementingType
        $attribute = $type.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be ([System.Management.Automation.ConfirmImpact]::High)
    }
}
