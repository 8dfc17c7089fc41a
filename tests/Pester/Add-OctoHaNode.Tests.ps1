#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Add-OctoHaNode through its public surface. No Octopus Server or SQL Server is installed here: the tests write a
# STAND-IN Octopus.Server script (Linux and macOS only) that records its arguments, and use -SkipPreflight or -WhatIf
# where a real database would be needed. Not run on this project's build machines (no pwsh there).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $ProgressPreference = 'SilentlyContinue'
    $password = 'Pester-Pa55word!'
    $masterKey = 'UGVzdGVyTWFzdGVyS2V5MQ=='
    $cs = ConvertTo-SecureString "Server=sql01;Database=Octopus;User ID=octo;Password=$password" -AsPlainText -Force
    $key = ConvertTo-SecureString $masterKey -AsPlainText -Force

    function New-StandInServer {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $path = Join-Path $folder 'Octopus.Server'
        Set-Content -Path $path -Value "#!/bin/sh`nprintf '%s\n' `"`$*`" >> `"`$(dirname `"`$0`")/calls.log`"`nif [ -f `"`$(dirname `"`$0`")/fail-on`" ] && [ `"`$1`" = `"`$(cat `"`$(dirname `"`$0`")/fail-on`")`" ]; then echo `"Error: `$*`" >&2; exit 3; fi`n"
        chmod +x $path
        $path
    }
}

Describe 'Add-OctoHaNode' {
    It 'is exported with ShouldProcess and three parameter sets' {
        $command = Get-Command Add-OctoHaNode
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        ($command.ParameterSets.Name | Sort-Object) | Should -Be @('ConnectionString', 'Container', 'DatabaseServer')
    }

    It 'under -WhatIf runs nothing, writes no object, and never shows a secret' -Skip:($PSVersionTable.PSVersion.Major -lt 6 -or $IsWindows) {
        $server = New-StandInServer
        # The "What if:" text goes to the host, not to a stream; stream 6 carries the preflight report.
        $records = @(Add-OctoHaNode -NodeName OCTO4 -ConnectionString $cs -MasterKey $key -SharedStorage $TestDrive -WebListenPrefix http://localhost:8080/ -ServerPath $server -SkipPreflight -WhatIf 6>&1)
        @($records | Where-Object { $_ -isnot [System.Management.Automation.InformationRecord] }).Count | Should -Be 0
        $out = $records | Out-String
        Test-Path (Join-Path (Split-Path $server) 'calls.log') | Should -BeFalse
        $out | Should -Not -Match ([regex]::Escape($password))
        $out | Should -Not -Match ([regex]::Escape($masterKey))
    }

    It 'runs the six Octopus.Server steps in order with task cap 0' -Skip:($PSVersionTable.PSVersion.Major -lt 6 -or $IsWindows) {
        $server = New-StandInServer
        $result = Add-OctoHaNode -NodeName OCTO4 -ConnectionString $cs -MasterKey $key -SharedStorage $TestDrive -WebListenPrefix http://localhost:8080/ -ServerPath $server -SkipPreflight -Confirm:$false
        $result.Completed | Should -BeTrue
        $calls = Get-Content (Join-Path (Split-Path $server) 'calls.log')
        ($calls | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be @('create-instance', 'database', 'configure', 'path', 'service', 'node')
        $calls[5] | Should -Be 'node --instance OctopusServer --taskCap=0'
        ($result.Steps.Command -join "`n") | Should -Not -Match ([regex]::Escape($password))
    }

    It 'stops at a failed step with NodeSetupStepFailed and the undo commands, without secrets' -Skip:($PSVersionTable.PSVersion.Major -lt 6 -or $IsWindows) {
        $server = New-StandInServer
        Set-Content -Path (Join-Path (Split-Path $server) 'fail-on') -Value 'database' -NoNewline
        $err = $null
        try {
            Add-OctoHaNode -NodeName OCTO4 -ConnectionString $cs -MasterKey $key -SharedStorage $TestDrive -WebListenPrefix http://localhost:8080/ -ServerPath $server -SkipPreflight -Confirm:$false -ErrorAction Stop
        }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'NodeSetupStepFailed*'
        $err.Exception.Message | Should -Match 'delete-instance'
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($password))
        $err.Exception.Message | Should -Not -Match ([regex]::Escape($masterKey))
    }

    It 'writes a container environment with secret references only' {
        $result = Add-OctoHaNode -NodeName octopus-3 -Container -ContainerFormat Kubernetes -SecretName octo
        $result.ContainerText | Should -Match 'secretKeyRef'
        ($result.ContainerEnvironment | Where-Object Name -EQ 'TASK_CAP').Value | Should -Be '0'
    }

    It 'refuses a negative task cap before doing anything' {
        { Add-OctoHaNode -NodeName OCTO4 -Container -TaskCap -1 -ErrorAction Stop } | Should -Throw
    }
}
