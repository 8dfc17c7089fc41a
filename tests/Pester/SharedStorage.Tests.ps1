#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# New- and Test-OctoHaSharedStorage through their public surface, on real folders under $TestDrive. No Octopus Server
# is installed here: the clusterShared step runs a stand-in Octopus.Server script (Linux and macOS only) that records
# its arguments, or is left out with -SkipClusterShared. Symbolic links are made for real (not on Windows, where they
# need an elevated session or Developer Mode). The Mount check reads mount tables the tests write.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $ProgressPreference = 'SilentlyContinue'

    $blobFolders = 'TaskLogs', 'Artifacts', 'Packages', 'Imports', 'EventExports', 'Telemetry'
    $checkNames = 'Reachable', 'Writable', 'Lock', 'Latency', 'FreeSpace', 'Folders', 'LocalDisk', 'MappedDrive', 'Mount'

    # A fresh folder under $TestDrive for one test.
    function New-StorageTestCase {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))
        (New-Item -ItemType Directory -Path $folder -Force).FullName
    }

    # A root with the six blob folders and a file of the admin's own that no check may touch.
    function New-StorageTestShare {
        param([Parameter(Mandatory)] [string] $Folder)
        $share = Join-Path $Folder 'share'
        foreach ($name in $blobFolders) { $null = New-Item -ItemType Directory -Path (Join-Path $share $name) -Force }
        Set-Content -LiteralPath (Join-Path $share 'README.txt') -Value 'Octopus shared storage - do not delete'
        $share
    }

    # Every entry of a folder, hidden ones included, by name.
    function Get-StorageTestEntry {
        param([Parameter(Mandatory)] [string] $Folder)
        @(Get-ChildItem -LiteralPath $Folder -Force | Select-Object -ExpandProperty Name | Sort-Object)
    }

    # A mountinfo table (the kernel's format) in which $MountPoint is a filesystem of $Type; / is an overlay.
    function New-StorageTestMountTable {
        param(
            [Parameter(Mandatory)] [string] $Folder,
            [string] $MountPoint,
            [string] $Type = 'nfs4',
            [string] $Source = 'filer.example.com:/export/octopus'
        )
        $lines = @('20 1 0:20 / / rw,relatime shared:1 - overlay overlay rw')
        if ($MountPoint) { $lines += "21 20 0:21 / $($MountPoint.Replace(' ', '\040')) rw,relatime shared:2 - $Type $Source rw" }
        $path = Join-Path $Folder 'mountinfo'
        [System.IO.File]::WriteAllText($path, ($lines -join "`n") + "`n")
        $path
    }

    # The folder's path with symbolic links resolved, as the kernel lists mount points.
    function Get-StorageTestRealPath {
        param([Parameter(Mandatory)] [string] $Path)
        $real = & realpath -- $Path
        if ($LASTEXITCODE -ne 0) { throw "realpath '$Path' failed with exit code $LASTEXITCODE." }
        $real
    }

    # A stand-in for Octopus.Server (a shell script, so Linux and macOS only): appends its arguments, one run per line,
    # to $ArgumentsFile, prints them, and exits with $ExitCode.
    function New-OctopusServerStandIn {
        param(
            [Parameter(Mandatory)] [string] $Folder,
            [Parameter(Mandatory)] [string] $ArgumentsFile,
            [int] $ExitCode = 0
        )
        $path = Join-Path $Folder 'Octopus.Server'
        $content = "#!/bin/sh`nprintf '%s\n' ""`$*"" >> '$ArgumentsFile'`necho ""Octopus.Server stand-in ran: `$*""`nexit $ExitCode`n"
        [System.IO.File]::WriteAllText($path, $content, [System.Text.UTF8Encoding]::new($false))
        & chmod 755 $path
        if ($LASTEXITCODE -ne 0) { throw "chmod 755 '$path' failed with exit code $LASTEXITCODE." }
        $path
    }
}

Describe 'Test-OctoHaSharedStorage' {
    It 'reports the nine checks in a fixed order, passes a prepared share, and leaves it exactly as it was' {
        $case = New-StorageTestCase
        $share = New-StorageTestShare -Folder $case
        $before = Get-StorageTestEntry -Folder $share

        $checks = @(Test-OctoHaSharedStorage -Path $share -LatencySampleCount 5)

        $checks.Count | Should -Be 9
        ($checks.Check -join ',') | Should -Be ($checkNames -join ',')
        $checks | ForEach-Object { $_.GetType().FullName | Should -Be 'OctoHa.CheckResult' }
        foreach ($name in 'Reachable', 'Writable', 'Lock', 'Folders') {
            ($checks | Where-Object Check -EQ $name).Status.ToString() | Should -Be 'Pass' -Because (($checks | Where-Object Check -EQ $name).Reason)
        }
        ($checks | Where-Object Check -EQ 'Latency').Value | Should -BeLike '* ms'
        ((Get-StorageTestEntry -Folder $share) -join ',') | Should -Be ($before -join ',')
        Get-Content -LiteralPath (Join-Path $share 'README.txt') | Should -Be 'Octopus shared storage - do not delete'
    }

    It 'fails Reachable for a root that does not exist, and every check that needs it, creating nothing' {
        $case = New-StorageTestCase
        $missing = Join-Path $case 'no-such-share'

        $checks = @(Test-OctoHaSharedStorage -Path $missing)

        ($checks | Where-Object Check -EQ 'Reachable').Status.ToString() | Should -Be 'Fail'
        ($checks | Where-Object Check -EQ 'Reachable').Reason | Should -BeLike '*does not exist*'
        foreach ($name in 'Writable', 'Lock', 'Latency', 'FreeSpace', 'Folders') {
            ($checks | Where-Object Check -EQ $name).Status.ToString() | Should -Be 'Fail'
            ($checks | Where-Object Check -EQ $name).Reason | Should -Be 'Not checked: the root cannot be reached.'
        }
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'warns about missing blob folders by name' {
        $case = New-StorageTestCase
        $null = New-Item -ItemType Directory -Path (Join-Path $case 'TaskLogs'), (Join-Path $case 'Artifacts')

        $folders = Test-OctoHaSharedStorage -Path $case -LatencySampleCount 1 | Where-Object Check -EQ 'Folders'

        $folders.Status.ToString() | Should -Be 'Warn'
        $folders.Reason | Should -BeLike 'Missing: Packages, Imports, EventExports, Telemetry.*'
    }

    It 'warns when less space is free than -FreeSpaceWarningGB' {
        $case = New-StorageTestCase
        $free = Test-OctoHaSharedStorage -Path $case -LatencySampleCount 1 -FreeSpaceWarningGB 1048576 | Where-Object Check -EQ 'FreeSpace'
        $free.Status.ToString() | Should -Be 'Warn'
        $free.Value | Should -BeLike '* GiB'
    }

    It 'takes the root from the Path property of piped objects' {
        $case = New-StorageTestCase
        $share = New-StorageTestShare -Folder $case
        $checks = @([pscustomobject]@{ Path = $share } | Test-OctoHaSharedStorage -LatencySampleCount 1)
        ($checks | Where-Object Check -EQ 'Reachable').Status.ToString() | Should -Be 'Pass'
    }

    It 'refuses a warning threshold above the failure threshold with InvalidLatencyThresholds' {
        $case = New-StorageTestCase
        $err = $null
        try {
            $null = Test-OctoHaSharedStorage -Path $case -LatencyWarningMilliseconds 500 -LatencyFailureMilliseconds 100 -ErrorAction Stop
        }
        catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLatencyThresholds,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'on Linux passes a root on a network share and warns on the container''s own overlay filesystem' -Skip:(-not $IsLinux) {
        $case = New-StorageTestCase
        $share = New-StorageTestShare -Folder $case
        $real = Get-StorageTestRealPath -Path $case

        $onNfs = Test-OctoHaSharedStorage -Path $share -LatencySampleCount 1 -MountTable (New-StorageTestMountTable -Folder $case -MountPoint $real) |
            Where-Object Check -EQ 'Mount'
        $onNfs.Status.ToString() | Should -Be 'Pass'
        $onNfs.Reason | Should -BeLike 'On a network share: nfs4 from filer.example.com:/export/octopus*'

        $onOverlay = Test-OctoHaSharedStorage -Path $share -LatencySampleCount 1 -MountTable (New-StorageTestMountTable -Folder $case) |
            Where-Object Check -EQ 'Mount'
        $onOverlay.Status.ToString() | Should -Be 'Warn'
        $onOverlay.Reason | Should -BeLike "On the container's own filesystem (overlay at /)*"

        (Test-OctoHaSharedStorage -Path $share -LatencySampleCount 1 | Where-Object Check -EQ 'MappedDrive').Reason | Should -BeLike 'Does not apply*'
    }

    It 'on Windows warns that a folder on a local disk cannot be shared' -Skip:(-not $IsWindows) {
        $case = New-StorageTestCase
        $local = Test-OctoHaSharedStorage -Path $case -LatencySampleCount 1 | Where-Object Check -EQ 'LocalDisk'
        $local.Status.ToString() | Should -Be 'Warn'
        $local.Reason | Should -BeLike '*cannot be a local drive*'
    }
}

Describe 'New-OctoHaSharedStorage' {
    It 'with -WhatIf creates nothing, runs nothing and writes no result' {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $links = Join-Path $case 'links'

        $result = New-OctoHaSharedStorage -Path $root -LinkPath $links -SkipClusterShared -WhatIf

        $result | Should -BeNullOrEmpty
        Test-Path -LiteralPath $root | Should -BeFalse
        Test-Path -LiteralPath $links | Should -BeFalse
    }

    It 'with -SkipClusterShared creates the six folders, runs the checks and gives the command to run on one node' {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'

        $result = New-OctoHaSharedStorage -Path $root -SkipClusterShared -LatencySampleCount 3 -WarningAction SilentlyContinue

        $result.GetType().FullName | Should -Be 'OctoHa.Storage.SharedStorageResult'
        $result.RootCreated | Should -BeTrue
        (@($result.FoldersCreated) -join ',') | Should -Be ($blobFolders -join ',')
        foreach ($name in $blobFolders) { Test-Path -LiteralPath (Join-Path $root $name) -PathType Container | Should -BeTrue }
        @($result.Checks).Count | Should -Be 9
        $result.ClusterSharedSet | Should -BeFalse
        $result.ClusterSharedCommand | Should -BeLike "* path --clusterShared $root"
    }

    It 'is idempotent: a second run creates nothing and finds the six folders' {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $null = New-OctoHaSharedStorage -Path $root -SkipClusterShared -LatencySampleCount 1 -WarningAction SilentlyContinue

        $again = New-OctoHaSharedStorage -Path $root -SkipClusterShared -LatencySampleCount 1 -WarningAction SilentlyContinue

        $again.RootCreated | Should -BeFalse
        @($again.FoldersCreated).Count | Should -Be 0
        (@($again.FoldersExisting) -join ',') | Should -Be ($blobFolders -join ',')
    }

    It 'runs Octopus.Server path --clusterShared ROOT --instance NAME' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $calls = Join-Path $case 'calls.log'
        $server = New-OctopusServerStandIn -Folder $case -ArgumentsFile $calls

        $result = New-OctoHaSharedStorage -Path $root -ServerPath $server -Instance OctopusServer -LatencySampleCount 1 -WarningAction SilentlyContinue

        $result.ClusterSharedSet | Should -BeTrue
        (@(Get-Content -LiteralPath $calls) -join "`n") | Should -Be "path --clusterShared $root --instance OctopusServer"
        $result.ClusterSharedCommand | Should -Be "$server path --clusterShared $root --instance OctopusServer"
    }

    It 'fails with ClusterSharedFailed, keeping the folders, when Octopus.Server fails' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $server = New-OctopusServerStandIn -Folder $case -ArgumentsFile (Join-Path $case 'calls.log') -ExitCode 3

        $err = $null
        try {
            $null = New-OctoHaSharedStorage -Path $root -ServerPath $server -LatencySampleCount 1 -WarningAction SilentlyContinue -ErrorAction Stop
        }
        catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ClusterSharedFailed,*'
        $err.Exception.Message | Should -BeLike "*run the step by hand: $server path --clusterShared $root"
        foreach ($name in $blobFolders) { Test-Path -LiteralPath (Join-Path $root $name) | Should -BeTrue }
    }

    It 'refuses a missing Octopus.Server with OctopusServerNotFound before creating anything' {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $err = $null
        try {
            $null = New-OctoHaSharedStorage -Path $root -ServerPath (Join-Path $case 'Octopus.Server') -ErrorAction Stop
        }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'OctopusServerNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Test-Path -LiteralPath $root | Should -BeFalse
    }

    It 'with -LinkPath links each folder into the share, and finds the links on a second run' -Skip:($PSVersionTable.PSVersion.Major -lt 6 -or $IsWindows) {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $links = Join-Path $case 'local'

        $result = New-OctoHaSharedStorage -Path $root -LinkPath $links -SkipClusterShared -LatencySampleCount 1 -WarningAction SilentlyContinue

        @($result.Links).Count | Should -Be 6
        foreach ($name in $blobFolders) {
            (Get-Item -LiteralPath (Join-Path $links $name)).LinkTarget | Should -Be (Join-Path $root $name)
        }
        $again = New-OctoHaSharedStorage -Path $root -LinkPath $links -SkipClusterShared -LatencySampleCount 1 -WarningAction SilentlyContinue
        @($again.Links | Where-Object Status -NE 'Existing').Count | Should -Be 0
    }

    It 'refuses a link folder that holds data with LinkFolderHasData and changes nothing' {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'
        $links = Join-Path $case 'local'
        $null = New-Item -ItemType Directory -Path (Join-Path $links 'TaskLogs') -Force
        Set-Content -LiteralPath (Join-Path $links 'TaskLogs' | Join-Path -ChildPath 'ServerTasks-1.log.txt') -Value 'log'

        $err = $null
        try {
            $null = New-OctoHaSharedStorage -Path $root -LinkPath $links -SkipClusterShared -ErrorAction Stop
        }
        catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'LinkFolderHasData,*'
        $err.Exception.Message | Should -BeLike '*Copy-OctoHaBlobData*'
        Test-Path -LiteralPath $root | Should -BeFalse
        Get-Content -LiteralPath (Join-Path $links 'TaskLogs' | Join-Path -ChildPath 'ServerTasks-1.log.txt') | Should -Be 'log'
    }

    It 'on Linux warns that -ServiceAccount applies to Windows only and grants nothing' -Skip:(-not $IsLinux) {
        $case = New-StorageTestCase
        $root = Join-Path $case 'share'

        $result = New-OctoHaSharedStorage -Path $root -ServiceAccount 'CORP\svc-octopus' -SkipClusterShared -LatencySampleCount 1 -WarningVariable warnings -WarningAction SilentlyContinue

        $result.AccessGranted | Should -BeFalse
        ($warnings | Where-Object { "$_" -like 'The service account grant applies to Windows only*' }) | Should -Not -BeNullOrEmpty
    }
}
