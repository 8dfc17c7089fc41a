#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Get-, Register- and Unregister-OctoHaPollingTentacle through their public surface, on Tentacle.config files that
# each test writes into its own folder under $TestDrive, shaped the way Tentacle writes them (Windows: BOM and CRLF;
# Linux: no BOM and LF; sorted <set key> elements and the trusted servers as a JSON array). No Tentacle is installed
# here: the ConfigFile method and -WhatIf need none, and the poll-server and restart tests run a stand-in script
# (Linux and macOS only). TentacleMachineConfigurationHomeDirectory points into $TestDrive for every test, so the
# machine's own Tentacle instances are never read.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $ProgressPreference = 'SilentlyContinue'
    $savedMachineHome = $env:TentacleMachineConfigurationHomeDirectory

    # The HA cluster's certificate thumbprint and the SubscriptionId that every entry of one polling registration shares.
    $testThumbprint = '8E1A2C3D4B5F60718293A4B5C6D7E8F901234567'
    $testSubscription = 'poll://j8rqx6yvwk2m1tz4nd7h/'
    # Another Octopus Server's certificate, for a listening entry and for a second registration.
    $otherThumbprint = '0A1B2C3D4E5F60718293A4B5C6D7E8F9ABCDEF01'

    # One trusted-server entry as Tentacle writes it: its own property order, integer CommunicationStyle, JSON null
    # for what the entry lacks (a listening entry has no Address and no SubscriptionId).
    function New-TentacleTestEntry {
        param(
            $Address,
            [int] $Style = 2,
            [string] $Thumbprint = $testThumbprint,
            $Subscription = $testSubscription
        )
        $addressJson = if ($null -eq $Address) { 'null' } else { '"' + $Address + '"' }
        $subscriptionJson = if ($null -eq $Subscription) { 'null' } else { '"' + $Subscription + '"' }
        '{{"Thumbprint":"{0}","CommunicationStyle":{1},"Address":{2},"Squid":null,"SubscriptionId":{3}}}' -f $Thumbprint, $Style, $addressJson, $subscriptionJson
    }

    # A fresh folder under $TestDrive for one test.
    function New-TentacleTestCase {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        (New-Item -ItemType Directory -Path $folder -Force).FullName
    }

    # Writes a Tentacle.config with these trusted-server entries and returns its path. -Windows writes what a Windows
    # Tentacle writes (BOM, CRLF, xmlns:xsd first, C:\Octopus paths), else what a Linux Tentacle writes.
    function New-TentacleTestConfig {
        param(
            [Parameter(Mandatory)] [string] $Folder,
            [string[]] $Entry = @(),
            [switch] $Windows,
            [string] $Name = 'Tentacle.config'
        )
        $trusted = '[' + ($Entry -join ',') + ']'
        $blob = [byte[]]::new(1536)
        [System.Random]::new(42).NextBytes($blob)
        $certificate = [System.Convert]::ToBase64String($blob)
        if ($Windows) {
            $lines = @(
                '<?xml version="1.0" encoding="utf-8"?>'
                '<octopus-settings xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                '  <set key="Octopus.Home">C:\Octopus</set>'
                "  <set key=""Tentacle.Certificate"">$certificate</set>"
                '  <set key="Tentacle.CertificateThumbprint">1F2E3D4C5B6A79880706F5E4D3C2B1A098765432</set>'
                '  <set key="Tentacle.Communication.PollingConnectionCount">5</set>'
                "  <set key=""Tentacle.Communication.TrustedOctopusServers"">$trusted</set>"
                '  <set key="Tentacle.Deployment.ApplicationDirectory">C:\Octopus\Applications</set>'
                '  <set key="Tentacle.Services.IsRegistered">true</set>'
                '  <set key="Tentacle.Services.NoListen">true</set>'
                '  <set key="Tentacle.Services.PortNumber">10933</set>'
                '</octopus-settings>'
            )
            $text = $lines -join "`r`n"
        }
        else {
            $lines = @(
                '<?xml version="1.0" encoding="utf-8"?>'
                '<octopus-settings xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
                '  <set key="Octopus.Home">/etc/octopus/Tentacle</set>'
                "  <set key=""Tentacle.Certificate"">$certificate</set>"
                '  <set key="Tentacle.CertificateThumbprint">1F2E3D4C5B6A79880706F5E4D3C2B1A098765432</set>'
                "  <set key=""Tentacle.Communication.TrustedOctopusServers"">$trusted</set>"
                '  <set key="Tentacle.Deployment.ApplicationDirectory">/home/Octopus/Applications</set>'
                '  <set key="Tentacle.Services.IsRegistered">true</set>'
                '  <set key="Tentacle.Services.NoListen">true</set>'
                '</octopus-settings>'
            )
            $text = ($lines -join "`n") + "`n"
        }
        $path = Join-Path $Folder $Name
        [System.IO.File]::WriteAllText($path, $text, [System.Text.UTF8Encoding]::new([bool] $Windows))
        $path
    }

    # Registers a Tentacle instance in the instance index under $MachineHome, as Tentacle does:
    # Tentacle/Instances/<name lower-cased, spaces as dashes>.config holding { Name, ConfigurationFilePath }.
    function New-TentacleTestInstance {
        param(
            [Parameter(Mandatory)] [string] $MachineHome,
            [Parameter(Mandatory)] [string] $Name,
            [Parameter(Mandatory)] [string] $ConfigPath
        )
        $folder = Join-Path (Join-Path $MachineHome 'Tentacle') 'Instances'
        $null = New-Item -ItemType Directory -Path $folder -Force
        $index = Join-Path $folder (($Name.ToLowerInvariant() -replace ' ', '-') + '.config')
        $json = [ordered]@{ Name = $Name; ConfigurationFilePath = $ConfigPath } | ConvertTo-Json
        [System.IO.File]::WriteAllText($index, $json)
    }

    function Get-TentacleTestHash {
        param([Parameter(Mandatory)] [string] $Path)
        (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash
    }

    # The file as one char per byte (so the BOM and the line endings count) with the trusted servers' value cut out.
    function Get-TentacleTestOutsideTrusted {
        param([Parameter(Mandatory)] [string] $Path)
        $text = [System.Text.Encoding]::GetEncoding(28591).GetString([System.IO.File]::ReadAllBytes($Path))
        $open = '<set key="Tentacle.Communication.TrustedOctopusServers">'
        $start = $text.IndexOf($open, [System.StringComparison]::Ordinal) + $open.Length
        $end = $text.IndexOf('</set>', $start, [System.StringComparison]::Ordinal)
        $text.Substring(0, $start) + $text.Substring($end)
    }

    # The trusted servers as stored in the file, parsed from their JSON.
    function Get-TentacleTestTrusted {
        param([Parameter(Mandatory)] [string] $Path)
        $text = [System.IO.File]::ReadAllText($Path)
        $open = '<set key="Tentacle.Communication.TrustedOctopusServers">'
        $start = $text.IndexOf($open, [System.StringComparison]::Ordinal) + $open.Length
        $json = $text.Substring($start, $text.IndexOf('</set>', $start, [System.StringComparison]::Ordinal) - $start)
        @($json | ConvertFrom-Json | ForEach-Object { $_ })
    }

    # What PowerShell shows for these objects, without any ANSI colours, wide enough for every column.
    function Get-TentacleTestDisplay {
        param([Parameter(Mandatory, ValueFromPipeline)] $InputObject)
        begin { $all = [System.Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end { ($all | Out-String -Width 250) -replace '\e\[[0-9;]*m', '' }
    }

    # The timestamped backups (<name>.<yyyyMMdd-HHmmss>.bak) beside a config.
    function Get-TentacleTestBackup {
        param([Parameter(Mandatory)] [string] $ConfigPath)
        @(Get-ChildItem -LiteralPath (Split-Path -Path $ConfigPath -Parent) -Filter ((Split-Path -Path $ConfigPath -Leaf) + '.*.bak') -File)
    }

    # A stand-in for the Tentacle program (a shell script, so Linux and macOS only): appends its arguments, one run
    # per line, to $ArgumentsFile, prints them, and exits with $ExitCode.
    function New-TentacleTestStandIn {
        param(
            [Parameter(Mandatory)] [string] $Folder,
            [Parameter(Mandatory)] [string] $ArgumentsFile,
            [int] $ExitCode = 0
        )
        $path = Join-Path $Folder 'Tentacle'
        $content = "#!/bin/sh`nprintf '%s\n' ""`$*"" >> '$ArgumentsFile'`necho ""Tentacle stand-in ran: `$*""`nexit $ExitCode`n"
        [System.IO.File]::WriteAllText($path, $content, [System.Text.UTF8Encoding]::new($false))
        & chmod 755 $path
        if ($LASTEXITCODE -ne 0) { throw "chmod 755 '$path' failed with exit code $LASTEXITCODE." }
        $path
    }
}

AfterAll {
    $env:TentacleMachineConfigurationHomeDirectory = $savedMachineHome
}

Describe 'Get-OctoHaPollingTentacle' {
    BeforeAll {
        # An instance index folder that does not exist: no instance is known unless a test registers one.
        $env:TentacleMachineConfigurationHomeDirectory = Join-Path $TestDrive 'no-machine-home'
    }

    It 'lists every trusted server as Trusted, with its communication style as a name' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Windows -Entry @(
            New-TentacleTestEntry -Address 'https://octo1.example.com:10943'
            New-TentacleTestEntry -Address 'https://octo2.example.com:10943'
        )

        $servers = @(Get-OctoHaPollingTentacle -ConfigPath $config)

        $servers.Count | Should -Be 2
        $servers[0].PSObject.TypeNames | Should -Contain 'OctoHa.Tentacle.PollingTentacleServer'
        ($servers.Address -join ',') | Should -Be 'https://octo1.example.com:10943,https://octo2.example.com:10943'
        foreach ($server in $servers) {
            $server.Status | Should -Be 'Trusted'
            $server.CommunicationStyle | Should -Be 'TentacleActive'
            $server.Thumbprint | Should -Be $testThumbprint
            $server.SubscriptionId | Should -Be $testSubscription
            $server.ConfigPath | Should -Be $config
            $server.Instance | Should -BeNullOrEmpty
        }
        # The table view: one header line with these columns (a list would put each on its own line).
        ($servers | Get-TentacleTestDisplay) | Should -Match 'Status.*Address.*CommunicationStyle.*Thumbprint.*SubscriptionId'
    }

    It 'reports Polled, Extra and NotPolling entries, and each node it misses as Missing, with -Node' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(
            New-TentacleTestEntry -Address $null -Style 1 -Thumbprint $otherThumbprint -Subscription $null
            New-TentacleTestEntry -Address 'https://octo1:10943'
            New-TentacleTestEntry -Address 'https://octo2:10943'
            New-TentacleTestEntry -Address 'https://octo4:10943'
        )

        $servers = @(Get-OctoHaPollingTentacle -ConfigPath $config -Node 'octo1', 'octo2:10943', 'https://octo3:10943')

        ($servers | ForEach-Object { '{0} {1}' -f $_.Status, $_.Address }) -join ';' |
            Should -Be 'NotPolling ;Polled https://octo1:10943;Polled https://octo2:10943;Extra https://octo4:10943;Missing https://octo3:10943'
        $servers[0].CommunicationStyle | Should -Be 'TentaclePassive'
        $missing = $servers[4]
        $missing.Thumbprint | Should -BeNullOrEmpty
        $missing.SubscriptionId | Should -BeNullOrEmpty
        $missing.ConfigPath | Should -Be $config
    }

    It 'binds piped strings, and Get-OctoHaNode-shaped objects by their Name, in any case' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(
            New-TentacleTestEntry -Address 'https://octo1:10943'
            New-TentacleTestEntry -Address 'https://octo2:10943'
        )

        $fromNodes = @([pscustomobject]@{ Name = 'OCTO2' }, [pscustomobject]@{ Name = 'octo3' } | Get-OctoHaPollingTentacle -ConfigPath $config)
        $fromStrings = @('octo1', 'octo2' | Get-OctoHaPollingTentacle -ConfigPath $config)

        ($fromNodes | ForEach-Object { '{0} {1}' -f $_.Status, $_.Address }) -join ';' |
            Should -Be 'Extra https://octo1:10943;Polled https://octo2:10943;Missing https://octo3:10943'
        ($fromStrings.Status -join ',') | Should -Be 'Polled,Polled'
    }

    It 'takes the config path by position and as a PowerShell path' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $drivePath = 'TestDrive:/' + (Split-Path -Path $case -Leaf) + '/Tentacle.config'

        $byPosition = @(Get-OctoHaPollingTentacle $config)
        $byDrive = @(Get-OctoHaPollingTentacle -Path $drivePath)

        $byPosition.Count | Should -Be 1
        $byDrive.Count | Should -Be 1
        $byDrive[0].ConfigPath | Should -Not -BeLike 'TestDrive:*'
        $byDrive[0].Address | Should -Be 'https://octo1:10943'
    }

    It 'finds an instance through the instance index in TentacleMachineConfigurationHomeDirectory' {
        $case = New-TentacleTestCase
        $machineHome = Join-Path $case 'machine-home'
        $config = New-TentacleTestConfig -Folder $case -Name 'tentacle-WebServer.config' -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        New-TentacleTestInstance -MachineHome $machineHome -Name 'WebServer' -ConfigPath $config
        $env:TentacleMachineConfigurationHomeDirectory = $machineHome

        $byInstance = @(Get-OctoHaPollingTentacle -Instance WebServer)
        $byPath = @(Get-OctoHaPollingTentacle -ConfigPath $config)

        $byInstance.Count | Should -Be 1
        $byInstance[0].ConfigPath | Should -Be $config
        $byInstance[0].Instance | Should -Be 'WebServer'
        # Given the path, the instance is looked up in the same index.
        $byPath[0].Instance | Should -Be 'WebServer'
    }

    It 'reads the instance called Tentacle when neither -ConfigPath nor -Instance is given' {
        $case = New-TentacleTestCase
        $machineHome = Join-Path $case 'machine-home'
        $config = New-TentacleTestConfig -Folder $case -Name 'tentacle-Tentacle.config' -Entry @(New-TentacleTestEntry -Address 'https://octo2:10943')
        New-TentacleTestInstance -MachineHome $machineHome -Name 'Tentacle' -ConfigPath $config
        $env:TentacleMachineConfigurationHomeDirectory = $machineHome

        $servers = @(Get-OctoHaPollingTentacle)

        $servers.Count | Should -Be 1
        $servers[0].ConfigPath | Should -Be $config
        $servers[0].Instance | Should -Be 'Tentacle'
        $servers[0].Address | Should -Be 'https://octo2:10943'
    }

    It 'fails with <ErrorId> for <Situation>' -ForEach @(
        @{ Situation = 'both -ConfigPath and -Instance'; ErrorId = 'ConfigPathAndInstance'; Category = 'InvalidArgument' }
        @{ Situation = 'a config that does not exist'; ErrorId = 'TentacleConfigNotFound'; Category = 'ObjectNotFound' }
        @{ Situation = 'an instance the index does not know'; ErrorId = 'TentacleInstanceNotFound'; Category = 'ObjectNotFound' }
        @{ Situation = 'a node address with an unknown scheme'; ErrorId = 'InvalidNodeAddress'; Category = 'InvalidArgument' }
    ) {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $env:TentacleMachineConfigurationHomeDirectory = Join-Path $case 'machine-home'
        $call = switch ($ErrorId) {
            'ConfigPathAndInstance' { @{ ConfigPath = $config; Instance = 'Tentacle' } }
            'TentacleConfigNotFound' { @{ ConfigPath = (Join-Path $case 'missing.config') } }
            'TentacleInstanceNotFound' { @{ Instance = 'NoSuchInstance' } }
            'InvalidNodeAddress' { @{ ConfigPath = $config; Node = 'ftp://octo1:10943' } }
        }

        $err = $null
        try {
            $null = Get-OctoHaPollingTentacle @call -ErrorAction Stop
        }
        catch { $err = $_ }

        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -Be $Category
    }
}

Describe 'Register-OctoHaPollingTentacle' {
    BeforeAll {
        $env:TentacleMachineConfigurationHomeDirectory = Join-Path $TestDrive 'no-machine-home'
    }

    It 'with -WhatIf changes nothing and writes no object' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Windows -Entry @(New-TentacleTestEntry -Address 'https://octo1.example.com:10943')
        $before = Get-TentacleTestHash $config

        $result = Register-OctoHaPollingTentacle -Node 'octo1.example.com', 'octo2.example.com', 'octo3.example.com' -ConfigPath $config -WhatIf

        $result | Should -BeNullOrEmpty
        Get-TentacleTestHash $config | Should -Be $before
        (Get-TentacleTestBackup $config).Count | Should -Be 0
    }

    It 'adds one polling entry per missing node, copying the registration, keeps every other byte, and leaves a backup' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Windows -Entry @(New-TentacleTestEntry -Address 'https://octo1.example.com:10943')
        $originalHash = Get-TentacleTestHash $config
        $outsideBefore = Get-TentacleTestOutsideTrusted $config

        $result = Register-OctoHaPollingTentacle -Node 'octo1.example.com', 'octo2.example.com', 'octo3.example.com' -ConfigPath $config -WarningVariable warnings -WarningAction SilentlyContinue

        @($result).Count | Should -Be 1
        $result.PSObject.TypeNames | Should -Contain 'OctoHa.Tentacle.PollingTentacleChange'
        $result.Method | Should -Be 'ConfigFile'
        $result.ConfigPath | Should -Be $config
        (@($result.Added) -join ',') | Should -Be 'https://octo2.example.com:10943,https://octo3.example.com:10943'
        (@($result.Polling) -join ',') | Should -Be 'https://octo1.example.com:10943,https://octo2.example.com:10943,https://octo3.example.com:10943'
        @($result.Removed).Count | Should -Be 0
        @($result.Commands).Count | Should -Be 0
        $result.Changed | Should -BeTrue
        $result.Restarted | Should -BeFalse
        $result.RestartNeeded | Should -BeTrue
        ($warnings -join "`n") | Should -Match 'service --restart'
        # The list view joins the addresses (the default view would show them as {a, b}).
        ($result | Get-TentacleTestDisplay) | Should -Match 'Added.*: https://octo2\.example\.com:10943, https://octo3\.example\.com:10943'

        # The new entries are copies of the registration with another address, as poll-server writes them.
        $trusted = Get-TentacleTestTrusted $config
        $trusted.Count | Should -Be 3
        foreach ($entry in $trusted) {
            $entry.Thumbprint | Should -Be $testThumbprint
            $entry.CommunicationStyle | Should -Be 2
            $entry.SubscriptionId | Should -Be $testSubscription
        }
        ($trusted.Address -join ',') | Should -Be 'https://octo1.example.com:10943,https://octo2.example.com:10943,https://octo3.example.com:10943'

        # Only the trusted servers' value changed: BOM, CRLF, the certificate and the other settings are as they were.
        Get-TentacleTestOutsideTrusted $config | Should -BeExactly $outsideBefore
        ([System.IO.File]::ReadAllBytes($config)[0..2] -join ',') | Should -Be '239,187,191'

        # The backup sits beside the config, is named <name>.<yyyyMMdd-HHmmss>.bak, and is the original file.
        $backups = Get-TentacleTestBackup $config
        $backups.Count | Should -Be 1
        $result.BackupPath | Should -Be $backups[0].FullName
        $backups[0].Name | Should -Match '^Tentacle\.config\.\d{8}-\d{6}(-\d+)?\.bak$'
        Get-TentacleTestHash $result.BackupPath | Should -Be $originalHash
    }

    It 'is idempotent: a second run writes nothing, keeps no second backup and returns Changed = False' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $nodes = 'octo1', 'octo2', 'octo3'
        $null = Register-OctoHaPollingTentacle -Node $nodes -ConfigPath $config -WarningAction SilentlyContinue
        $afterFirst = Get-TentacleTestHash $config

        $second = Register-OctoHaPollingTentacle -Node $nodes -ConfigPath $config -WarningVariable warnings -WarningAction SilentlyContinue

        $second.Changed | Should -BeFalse
        $second.RestartNeeded | Should -BeFalse
        @($second.Added).Count | Should -Be 0
        (@($second.Polling) -join ',') | Should -Be 'https://octo1:10943,https://octo2:10943,https://octo3:10943'
        $second.BackupPath | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        Get-TentacleTestHash $config | Should -Be $afterFirst
        (Get-TentacleTestBackup $config).Count | Should -Be 1
    }

    It 'binds Get-OctoHaNode-shaped objects piped in by their Name, and makes one change for all of them' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $nodes = [pscustomobject]@{ Name = 'octo1' }, [pscustomobject]@{ Name = 'octo2' }, [pscustomobject]@{ Name = 'OCTO3' }

        $result = @($nodes | Register-OctoHaPollingTentacle -ConfigPath $config -WarningAction SilentlyContinue)

        $result.Count | Should -Be 1
        (@($result[0].Added) -join ',') | Should -Be 'https://octo2:10943,https://octo3:10943'
        (Get-TentacleTestBackup $config).Count | Should -Be 1
        ((Get-OctoHaPollingTentacle -ConfigPath $config -Node 'octo1', 'octo2', 'octo3').Status -join ',') | Should -Be 'Polled,Polled,Polled'
    }

    It 'with -UniquePort adds the load balancer on one port per node, in a Linux config without a BOM' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octopus.example.com:10943')
        $outsideBefore = Get-TentacleTestOutsideTrusted $config

        $result = Register-OctoHaPollingTentacle -Node 'OCTO1', 'OCTO2', 'OCTO3' -UniquePort -HostName octopus.example.com -FirstPort 10943 -ConfigPath $config -WarningAction SilentlyContinue

        (@($result.Added) -join ',') | Should -Be 'https://octopus.example.com:10944,https://octopus.example.com:10945'
        ((Get-TentacleTestTrusted $config).Address -join ',') | Should -Be 'https://octopus.example.com:10943,https://octopus.example.com:10944,https://octopus.example.com:10945'
        Get-TentacleTestOutsideTrusted $config | Should -BeExactly $outsideBefore
        [System.IO.File]::ReadAllBytes($config)[0] | Should -Be ([byte][char]'<')
    }

    It 'finds the Tentacle through -Instance and names the instance in the restart warning' {
        $case = New-TentacleTestCase
        $machineHome = Join-Path $case 'machine-home'
        $config = New-TentacleTestConfig -Folder $case -Name 'tentacle-WebServer.config' -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        New-TentacleTestInstance -MachineHome $machineHome -Name 'WebServer' -ConfigPath $config
        $env:TentacleMachineConfigurationHomeDirectory = $machineHome

        $result = Register-OctoHaPollingTentacle -Node 'octo1', 'octo2' -Instance WebServer -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Instance | Should -Be 'WebServer'
        $result.ConfigPath | Should -Be $config
        (@($result.Added) -join ',') | Should -Be 'https://octo2:10943'
        ($warnings -join "`n") | Should -Match 'service --restart --instance WebServer'
    }

    It 'with two registrations refuses with AmbiguousRegistration, and adds beside the one -Thumbprint names' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(
            New-TentacleTestEntry -Address 'https://octo1:10943'
            New-TentacleTestEntry -Address 'https://octopus-test.example.com:10943' -Thumbprint $otherThumbprint -Subscription 'poll://a1b2c3d4e5f6g7h8i9j0/'
        )
        $before = Get-TentacleTestHash $config

        $err = $null
        try {
            $null = Register-OctoHaPollingTentacle -Node octo2 -ConfigPath $config -ErrorAction Stop
        }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'AmbiguousRegistration,*'
        Get-TentacleTestHash $config | Should -Be $before

        $result = Register-OctoHaPollingTentacle -Node octo2 -ConfigPath $config -Thumbprint $testThumbprint -WarningAction SilentlyContinue

        (@($result.Added) -join ',') | Should -Be 'https://octo2:10943'
        $added = (Get-TentacleTestTrusted $config) | Where-Object Address -eq 'https://octo2:10943'
        $added.Thumbprint | Should -Be $testThumbprint
        $added.SubscriptionId | Should -Be $testSubscription
    }

    It 'refuses with <ErrorId> when <Situation>, and leaves the config as it was' -ForEach @(
        @{ Situation = 'the Tentacle is a listening Tentacle'; Kind = 'Listening'; ErrorId = 'ListeningTentacle'; Category = 'InvalidOperation' }
        @{ Situation = 'the Tentacle was never registered for polling'; Kind = 'Unregistered'; ErrorId = 'NoPollingRegistration'; Category = 'InvalidOperation' }
        @{ Situation = 'the config is not well-formed XML'; Kind = 'BrokenXml'; ErrorId = 'TentacleConfigMalformedXml'; Category = 'InvalidData' }
        @{ Situation = 'both -ConfigPath and -Instance are given'; Kind = 'BothTargets'; ErrorId = 'ConfigPathAndInstance'; Category = 'InvalidArgument' }
        @{ Situation = '-HostName is given without -UniquePort'; Kind = 'HostWithoutUniquePort'; ErrorId = 'HostNeedsUniquePort'; Category = 'InvalidArgument' }
        @{ Situation = '-Restart names a Tentacle program that does not exist'; Kind = 'MissingTentacle'; ErrorId = 'TentacleNotFound'; Category = 'ObjectNotFound' }
    ) {
        $case = New-TentacleTestCase
        $config = switch ($Kind) {
            'Listening' { New-TentacleTestConfig -Folder $case -Windows -Entry @(New-TentacleTestEntry -Address $null -Style 1 -Subscription $null) }
            'Unregistered' { New-TentacleTestConfig -Folder $case -Entry @() }
            'BrokenXml' {
                # Cut off in the middle, as by a full disk: the root element is never closed.
                $path = Join-Path $case 'Tentacle.config'
                $text = '<?xml version="1.0" encoding="utf-8"?>' + "`n" + '<octopus-settings xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + "`n" +
                    '  <set key="Tentacle.Communication.TrustedOctopusServers">[' + (New-TentacleTestEntry -Address 'https://octo1:10943') + ']</set>' + "`n"
                [System.IO.File]::WriteAllText($path, $text, [System.Text.UTF8Encoding]::new($false))
                $path
            }
            default { New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943') }
        }
        $call = @{ Node = @('octo1', 'octo2'); ConfigPath = $config }
        switch ($Kind) {
            'BothTargets' { $call.Instance = 'Tentacle' }
            'HostWithoutUniquePort' { $call.HostName = 'octopus.example.com' }
            'MissingTentacle' { $call.Restart = $true; $call.TentaclePath = Join-Path $case 'no-such-folder/Tentacle' }
        }
        $before = Get-TentacleTestHash $config

        $err = $null
        try {
            $null = Register-OctoHaPollingTentacle @call -ErrorAction Stop
        }
        catch { $err = $_ }

        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $err.CategoryInfo.Category | Should -Be $Category
        Get-TentacleTestHash $config | Should -Be $before
        (Get-TentacleTestBackup $config).Count | Should -Be 0
    }

    It 'with -Method PollServer -WhatIf runs nothing, changes nothing and writes no object' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $before = Get-TentacleTestHash $config
        # Never run under -WhatIf; it only has to exist, since a rooted -TentaclePath is checked before anything else.
        $tentacle = (New-Item -ItemType File -Path (Join-Path $case 'Tentacle.exe') -Force).FullName
        $saved = @{ Url = $env:OCTOPUS_URL; Key = $env:OCTOPUS_API_KEY }
        try {
            $env:OCTOPUS_URL = 'https://octopus.example.com'
            $env:OCTOPUS_API_KEY = 'API-POLLSERVERWHATIF0000000000'
            $result = Register-OctoHaPollingTentacle -Node 'octo1', 'octo2', 'octo3' -ConfigPath $config -Method PollServer -TentaclePath $tentacle -WhatIf
        }
        finally {
            $env:OCTOPUS_URL = $saved.Url
            $env:OCTOPUS_API_KEY = $saved.Key
        }

        $result | Should -BeNullOrEmpty
        Get-TentacleTestHash $config | Should -Be $before
        (Get-TentacleTestBackup $config).Count | Should -Be 0
    }

    It 'with -Method PollServer runs poll-server once per missing node and masks the API key in Commands' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $before = Get-TentacleTestHash $config
        $argumentsFile = Join-Path $case 'tentacle-arguments.txt'
        $tentacle = New-TentacleTestStandIn -Folder $case -ArgumentsFile $argumentsFile
        $saved = @{ Url = $env:OCTOPUS_URL; Key = $env:OCTOPUS_API_KEY }
        try {
            # Used unless an earlier test file left a Connect-OctoHaServer default in this session; either way the
            # key must never be shown.
            $env:OCTOPUS_URL = 'https://octopus.example.com'
            $env:OCTOPUS_API_KEY = 'API-POLLSERVERTESTKEY0123456789'
            $result = Register-OctoHaPollingTentacle -Node 'octo1', 'octo2', 'octo3' -ConfigPath $config -Method PollServer -TentaclePath $tentacle -WarningAction SilentlyContinue
        }
        finally {
            $env:OCTOPUS_URL = $saved.Url
            $env:OCTOPUS_API_KEY = $saved.Key
        }

        $result.Method | Should -Be 'PollServer'
        $result.Changed | Should -BeTrue
        (@($result.Added) -join ',') | Should -Be 'https://octo2:10943,https://octo3:10943'
        $result.BackupPath | Should -BeNullOrEmpty

        # Tentacle got the real key, one run per missing node...
        $runs = @(Get-Content -LiteralPath $argumentsFile)
        $runs.Count | Should -Be 2
        $runs[0] | Should -Match '^poll-server --config .+ --server \S+ --apiKey API-[A-Z0-9]+ --server-comms-address https://octo2:10943$'
        $runs[1] | Should -Match '--server-comms-address https://octo3:10943$'

        # ...and what is shown has it masked.
        $commands = @($result.Commands)
        $commands.Count | Should -Be 2
        foreach ($command in $commands) {
            $command.Contains('--apiKey API-********') | Should -BeTrue
            $command | Should -Not -Match 'API-[A-Z0-9]'
        }
        ($result | Get-TentacleTestDisplay) | Should -Not -Match 'API-[A-Z0-9]'
        # poll-server writes the config itself; the stand-in does not, and the cmdlet leaves it alone.
        Get-TentacleTestHash $config | Should -Be $before
    }

    It 'fails with PollServerFailed when poll-server fails, without showing the API key' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        # The stand-in prints its arguments, key included, and fails: the error shows that output, masked.
        $tentacle = New-TentacleTestStandIn -Folder $case -ArgumentsFile (Join-Path $case 'tentacle-arguments.txt') -ExitCode 3
        $saved = @{ Url = $env:OCTOPUS_URL; Key = $env:OCTOPUS_API_KEY }
        $err = $null
        try {
            $env:OCTOPUS_URL = 'https://octopus.example.com'
            $env:OCTOPUS_API_KEY = 'API-POLLSERVERTESTKEY0123456789'
            $null = Register-OctoHaPollingTentacle -Node octo2 -ConfigPath $config -Method PollServer -TentaclePath $tentacle -ErrorAction Stop
        }
        catch { $err = $_ }
        finally {
            $env:OCTOPUS_URL = $saved.Url
            $env:OCTOPUS_API_KEY = $saved.Key
        }

        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'PollServerFailed,*'
        $err.Exception.Message | Should -Match 'exit code 3'
        $err.Exception.Message.Contains('API-********') | Should -BeTrue
        $err.Exception.Message | Should -Not -Match 'API-[A-Z0-9]'
        ($err | Out-String) | Should -Not -Match 'API-[A-Z0-9]'
    }

    It 'with -Restart is refused with NoServiceManager where there is no service manager, before anything changes' -Skip:(-not $IsLinux -or (Test-Path -LiteralPath '/run/systemd/system')) {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        $before = Get-TentacleTestHash $config
        $argumentsFile = Join-Path $case 'tentacle-arguments.txt'
        $tentacle = New-TentacleTestStandIn -Folder $case -ArgumentsFile $argumentsFile

        $err = $null
        try {
            $null = Register-OctoHaPollingTentacle -Node 'octo1', 'octo2' -ConfigPath $config -Restart -TentaclePath $tentacle -ErrorAction Stop
        }
        catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'NoServiceManager,*'
        Get-TentacleTestHash $config | Should -Be $before
        (Get-TentacleTestBackup $config).Count | Should -Be 0
        Test-Path -LiteralPath $argumentsFile | Should -BeFalse
    }

    It 'with -Restart restarts the Tentacle instance after a change' -Skip:(-not ($IsMacOS -or ($IsLinux -and (Test-Path -LiteralPath '/run/systemd/system')))) {
        $case = New-TentacleTestCase
        $machineHome = Join-Path $case 'machine-home'
        $config = New-TentacleTestConfig -Folder $case -Name 'tentacle-WebServer.config' -Entry @(New-TentacleTestEntry -Address 'https://octo1:10943')
        New-TentacleTestInstance -MachineHome $machineHome -Name 'WebServer' -ConfigPath $config
        $env:TentacleMachineConfigurationHomeDirectory = $machineHome
        $argumentsFile = Join-Path $case 'tentacle-arguments.txt'
        $tentacle = New-TentacleTestStandIn -Folder $case -ArgumentsFile $argumentsFile

        $result = Register-OctoHaPollingTentacle -Node 'octo1', 'octo2' -Instance WebServer -Restart -TentaclePath $tentacle -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Changed | Should -BeTrue
        $result.Restarted | Should -BeTrue
        $result.RestartNeeded | Should -BeFalse
        $warnings | Should -BeNullOrEmpty
        @(Get-Content -LiteralPath $argumentsFile) | Should -Be 'service --restart --instance WebServer'
    }
}

Describe 'Unregister-OctoHaPollingTentacle' {
    BeforeAll {
        $env:TentacleMachineConfigurationHomeDirectory = Join-Path $TestDrive 'no-machine-home'

        # A Tentacle polling three nodes, of which octo4 has been retired, beside a listening trusted server.
        function New-PruneTestConfig {
            param([Parameter(Mandatory)] [string] $Folder)
            New-TentacleTestConfig -Folder $Folder -Windows -Entry @(
                New-TentacleTestEntry -Address 'https://octo1:10943'
                New-TentacleTestEntry -Address 'https://octo2:10943'
                New-TentacleTestEntry -Address 'https://octo4:10943'
                New-TentacleTestEntry -Address $null -Style 1 -Thumbprint $otherThumbprint -Subscription $null
            )
        }
    }

    It 'with -Address removes that entry, keeps the others and every other byte, and leaves a backup' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case
        $originalHash = Get-TentacleTestHash $config
        $outsideBefore = Get-TentacleTestOutsideTrusted $config

        $result = Unregister-OctoHaPollingTentacle -Address https://octo4:10943 -ConfigPath $config -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        @($result).Count | Should -Be 1
        $result.PSObject.TypeNames | Should -Contain 'OctoHa.Tentacle.PollingTentacleChange'
        $result.Method | Should -Be 'Prune'
        (@($result.Removed) -join ',') | Should -Be 'https://octo4:10943'
        (@($result.Polling) -join ',') | Should -Be 'https://octo1:10943,https://octo2:10943'
        @($result.Added).Count | Should -Be 0
        @($result.Unmatched).Count | Should -Be 0
        $result.Changed | Should -BeTrue
        $result.RestartNeeded | Should -BeTrue
        ($warnings -join "`n") | Should -Match 'service --restart'

        $trusted = Get-TentacleTestTrusted $config
        ($trusted | ForEach-Object { '{0}|{1}' -f $_.CommunicationStyle, $_.Address }) -join ';' | Should -Be '2|https://octo1:10943;2|https://octo2:10943;1|'
        Get-TentacleTestOutsideTrusted $config | Should -BeExactly $outsideBefore
        $backups = Get-TentacleTestBackup $config
        $backups.Count | Should -Be 1
        $result.BackupPath | Should -Be $backups[0].FullName
        Get-TentacleTestHash $result.BackupPath | Should -Be $originalHash
    }

    It 'takes an address as a bare node name, in any case' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case

        $result = Unregister-OctoHaPollingTentacle OCTO4 -ConfigPath $config -Confirm:$false -WarningAction SilentlyContinue

        (@($result.Removed) -join ',') | Should -Be 'https://octo4:10943'
    }

    It 'is idempotent: an address that is no longer there warns, changes nothing and returns Changed = False' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case
        $null = Unregister-OctoHaPollingTentacle -Address octo4 -ConfigPath $config -Confirm:$false -WarningAction SilentlyContinue
        $afterFirst = Get-TentacleTestHash $config

        $second = Unregister-OctoHaPollingTentacle -Address octo4 -ConfigPath $config -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue

        $second.Changed | Should -BeFalse
        @($second.Removed).Count | Should -Be 0
        (@($second.Unmatched) -join ',') | Should -Be 'https://octo4:10943'
        ($warnings -join "`n") | Should -Match 'octo4'
        Get-TentacleTestHash $config | Should -Be $afterFirst
        (Get-TentacleTestBackup $config).Count | Should -Be 1
    }

    It 'with -WhatIf changes nothing and writes no object' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case
        $before = Get-TentacleTestHash $config

        $result = Unregister-OctoHaPollingTentacle -Address octo4 -ConfigPath $config -WhatIf

        $result | Should -BeNullOrEmpty
        Get-TentacleTestHash $config | Should -Be $before
        (Get-TentacleTestBackup $config).Count | Should -Be 0
    }

    It 'removes the Extra entries piped from Get-OctoHaPollingTentacle, binding Address and ConfigPath' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case

        $result = @(Get-OctoHaPollingTentacle -ConfigPath $config -Node 'octo1', 'octo2', 'octo3' |
            Where-Object Status -eq Extra |
            Unregister-OctoHaPollingTentacle -Confirm:$false -WarningAction SilentlyContinue)

        $result.Count | Should -Be 1
        $result[0].ConfigPath | Should -Be $config
        (@($result[0].Removed) -join ',') | Should -Be 'https://octo4:10943'
        ((Get-OctoHaPollingTentacle -ConfigPath $config -Node 'octo1', 'octo2').Status -join ',') | Should -Be 'Polled,Polled,NotPolling'
    }

    It 'with -Keep keeps only that polling address and the entries that do not poll' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(
            New-TentacleTestEntry -Address 'https://octo1:10943'
            New-TentacleTestEntry -Address 'https://octo2:10943'
            New-TentacleTestEntry -Address 'https://octopus-polling.example.com:10943'
            New-TentacleTestEntry -Address $null -Style 1 -Thumbprint $otherThumbprint -Subscription $null
        )

        $result = Unregister-OctoHaPollingTentacle -Keep octopus-polling.example.com -ConfigPath $config -Confirm:$false -WarningAction SilentlyContinue

        (@($result.Removed) -join ',') | Should -Be 'https://octo1:10943,https://octo2:10943'
        (@($result.Polling) -join ',') | Should -Be 'https://octopus-polling.example.com:10943'
        $trusted = Get-TentacleTestTrusted $config
        ($trusted | ForEach-Object { '{0}|{1}' -f $_.CommunicationStyle, $_.Address }) -join ';' | Should -Be '2|https://octopus-polling.example.com:10943;1|'
        $trusted[0].SubscriptionId | Should -Be $testSubscription
    }

    It 'moves a Tentacle to one load-balanced address: Register it, then Unregister -Keep it' {
        $case = New-TentacleTestCase
        $config = New-TentacleTestConfig -Folder $case -Entry @(
            New-TentacleTestEntry -Address 'https://octo1:10943'
            New-TentacleTestEntry -Address 'https://octo2:10943'
        )

        $null = Register-OctoHaPollingTentacle -Node octopus-polling.example.com -ConfigPath $config -WarningAction SilentlyContinue
        $result = Unregister-OctoHaPollingTentacle -Keep https://octopus-polling.example.com:10943 -ConfigPath $config -Confirm:$false -WarningAction SilentlyContinue

        (@($result.Polling) -join ',') | Should -Be 'https://octopus-polling.example.com:10943'
        $servers = @(Get-OctoHaPollingTentacle -ConfigPath $config)
        $servers.Count | Should -Be 1
        $servers[0].Thumbprint | Should -Be $testThumbprint
        $servers[0].SubscriptionId | Should -Be $testSubscription
        (Get-TentacleTestBackup $config).Count | Should -Be 2
    }

    It 'refuses with WouldRemoveAllServers to remove every polling entry, and does it with -Force' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case
        $before = Get-TentacleTestHash $config

        foreach ($call in @(
                @{ Address = @('octo1', 'octo2', 'octo4') }
                @{ Keep = @('octopus-polling.example.com') }
            )) {
            $err = $null
            try {
                $null = Unregister-OctoHaPollingTentacle @call -ConfigPath $config -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue
            }
            catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'WouldRemoveAllServers,*'
            Get-TentacleTestHash $config | Should -Be $before
            (Get-TentacleTestBackup $config).Count | Should -Be 0
        }

        $result = Unregister-OctoHaPollingTentacle -Address 'octo1', 'octo2', 'octo4' -ConfigPath $config -Force -Confirm:$false -WarningAction SilentlyContinue

        $result.Changed | Should -BeTrue
        @($result.Polling).Count | Should -Be 0
        ((Get-OctoHaPollingTentacle -ConfigPath $config).Status -join ',') | Should -Be 'Trusted'
    }

    It 'fails with ConfigPathAndInstance when given both -ConfigPath and -Instance' {
        $case = New-TentacleTestCase
        $config = New-PruneTestConfig -Folder $case
        $before = Get-TentacleTestHash $config

        $err = $null
        try {
            $null = Unregister-OctoHaPollingTentacle -Address octo4 -ConfigPath $config -Instance Tentacle -Confirm:$false -ErrorAction Stop
        }
        catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ConfigPathAndInstance,*'
        Get-TentacleTestHash $config | Should -Be $before
    }
}
