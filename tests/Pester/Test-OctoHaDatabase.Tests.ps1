#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Test-OctoHaDatabase through its public surface. SQL Server cannot run here, so these tests use what can: a
# loopback port that nothing listens on (Refused), a loopback listener that accepts and never answers (Timeout,
# through the real SQL client), a name in the reserved .invalid domain (Dns), and malformed connection strings.
# Every test checks that the password never appears in output, verbose text or errors.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $ProgressPreference = 'SilentlyContinue'
    $secret = 'S3cr3t-Pa55!'

    function ConvertTo-TestSecureString([string] $Text) { ConvertTo-SecureString -String $Text -AsPlainText -Force }

    # A free loopback port: bound, read, released; connecting to it afterwards is refused.
    function Get-ClosedTestPort {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = $probe.LocalEndpoint.Port
        $probe.Stop()
        $port
    }

    # Everything a command said: its output (as text and as JSON), verbose and warning records, and errors.
    function Get-AllTestText($Output, $Records) {
        (@($Output | ForEach-Object { $_ | Out-String; $_ | ConvertTo-Json -Depth 5 }) + @($Records | ForEach-Object { $_ | Out-String })) -join "`n"
    }
}

Describe 'Test-OctoHaDatabase' {
    It 'reports Refused for a closed port, with advice, and never shows the password' {
        $port = Get-ClosedTestPort
        $cs = ConvertTo-TestSecureString "Server=127.0.0.1,$port;Database=Octopus;User ID=octo;Password=$secret"
        $report = Test-OctoHaDatabase -ConnectionString $cs -Timeout 2 -Verbose 4>&1 -WarningVariable warnings
        $result = @($report | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $result.Count | Should -Be 1
        $result[0].Connected | Should -BeFalse
        "$($result[0].Failure)" | Should -Be 'Refused'
        $result[0].Advice | Should -Match 'TCP/IP'
        $result[0].ConnectionString | Should -Match '\*{8}'
        ($result[0].Checks | Where-Object Check -eq 'Connect').Status | Should -Be 'Fail'
        Get-AllTestText $report $warnings | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'reports Timeout for a port that accepts and never answers' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $cs = ConvertTo-TestSecureString "Server=tcp:127.0.0.1,$port;User ID=octo;Password=$secret"
            # The listener's backlog accepts the connection; nothing ever reads from it or answers.
            $report = Test-OctoHaDatabase -ConnectionString $cs -Timeout 1
            $report.Connected | Should -BeFalse
            "$($report.Failure)" | Should -Be 'Timeout'
            Get-AllTestText $report @() | Should -Not -Match ([regex]::Escape($secret))
        }
        finally {
            $listener.Stop()
        }
    }

    It 'reports Dns for a name that cannot be resolved' {
        $report = Test-OctoHaDatabase -Server 'octopus-sql.invalid' -Database Octopus -Credential ([pscredential]::new('octo', (ConvertTo-TestSecureString $secret))) -Timeout 2
        "$($report.Failure)" | Should -Be 'Dns'
        $report.ConnectionString | Should -Not -Match ([regex]::Escape($secret))
        $report.ConnectionString | Should -Match 'octopus-sql.invalid'
    }

    It 'refuses a malformed connection string with InvalidConnectionString, without repeating it' {
        $cs = ConvertTo-TestSecureString "Server=sql01;Password='$secret"
        $err = $null
        try { Test-OctoHaDatabase -ConnectionString $cs -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConnectionString,*'
        "$($err.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        ($err | Out-String) + $err.Exception.Message | Should -Not -Match ([regex]::Escape($secret))
    }

    It 'validates -Rounds before connecting' {
        $cs = ConvertTo-TestSecureString 'Server=127.0.0.1'
        $err = $null
        try { Test-OctoHaDatabase -ConnectionString $cs -Rounds 0 -ErrorAction Stop } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
    }

    It 'has two parameter sets and is read-only' {
        $command = Get-Command Test-OctoHaDatabase
        $command.ParameterSets.Name | Sort-Object | Should -Be @('ConnectionString', 'Server')
        $command.Parameters.ContainsKey('WhatIf') | Should -BeFalse
        $command.Parameters['ConnectionString'].ParameterType | Should -Be ([securestring])
        $command.Parameters['Credential'].ParameterType | Should -Be ([pscredential])
        $command.OutputType.Name | Should -Contain 'OctoHa.Database.DatabaseReport'
    }

    It 'has help with examples' {
        $help = Get-Help Test-OctoHaDatabase -Full
        $help.Synopsis | Should -Match 'Octopus database'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 1
    }
}
