#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# Copy-OctoHaBlobData through its public surface, on real folders and files under $TestDrive. Every test builds its
# own case folder (New-OctoHaTestBlobCase), so no test depends on another's leftovers. File times are set
# explicitly, never taken from the clock, so robocopy's size and last-write time rule is exercised exactly.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
    $ProgressPreference = 'SilentlyContinue'
}

Describe 'Copy-OctoHaBlobData' {
    Context 'copying a tree' {
        It 'copies every folder and file on the first run, keeps their last-write times, and returns exit code 1' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            Get-OctoHaTestTree $case.Destination | Should -BeExactly (Get-OctoHaTestTree $case.Source)
            (Get-Item -LiteralPath (Join-Path $case.Destination 'TaskLogs/servertasks-101.log.txt')).LastWriteTimeUtc | Should -Be (Get-OctoHaTestFileTime)
            @($result).Count | Should -Be 1
            $result.PSObject.TypeNames | Should -Contain 'OctoHa.Blob.BlobCopySummary'
            $result.Mirror | Should -BeFalse
            $result.ListOnly | Should -BeFalse
            $result.Files.Total | Should -Be $case.FileCount
            $result.Files.Copied | Should -Be $case.FileCount
            $result.Files.Skipped | Should -Be 0
            $result.Files.Failed | Should -Be 0
            $result.Files.Extras | Should -Be 0
            $result.Bytes.Total | Should -Be $case.ByteCount
            $result.Bytes.Copied | Should -Be $case.ByteCount
            $result.Dirs.Total | Should -Be $case.DirectoryCount
            $result.Dirs.Copied | Should -Be $case.DirectoryCount
            @($result.Failures).Count | Should -Be 0
            $result.ExitCode | Should -Be 1
            ($result | Out-String) | Should -Match 'ExitCode'
            Get-OctoHaTestPartialFile $case.Destination | Should -BeNullOrEmpty
        }

        It 'copies nothing on a second run and returns exit code 0' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $before = Get-OctoHaTestTree $case.Destination

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            $result.Files.Copied | Should -Be 0
            $result.Files.Skipped | Should -Be $case.FileCount
            $result.Bytes.Copied | Should -Be 0
            $result.Bytes.Skipped | Should -Be $case.ByteCount
            $result.Dirs.Copied | Should -Be 0
            $result.ExitCode | Should -Be 0
            Get-OctoHaTestTree $case.Destination | Should -BeExactly $before
        }

        # 'Task ServerTasks-101 finished' and 'Task ServerTasks-101 FINISHED' have the same size (29 bytes).
        It 'copies a file whose <Change>' -ForEach @(
            @{ Change = 'size changed while its last-write time stayed the same'; Content = 'Task ServerTasks-101 finished, then retried'; Minutes = 0 }
            @{ Change = 'last-write time is newer, at the same size'; Content = 'Task ServerTasks-101 FINISHED'; Minutes = 5 }
            @{ Change = 'last-write time is older, at the same size'; Content = 'Task ServerTasks-101 FINISHED'; Minutes = -5 }
        ) {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $written = (Get-OctoHaTestFileTime).AddMinutes($Minutes)
            $changed = New-OctoHaTestFile (Join-Path $case.Source 'TaskLogs/servertasks-101.log.txt') $Content -LastWriteTimeUtc $written

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            $result.Files.Copied | Should -Be 1
            $result.Files.Skipped | Should -Be ($case.FileCount - 1)
            $result.ExitCode | Should -Be 1
            $copy = Get-Item -LiteralPath (Join-Path $case.Destination 'TaskLogs/servertasks-101.log.txt')
            Get-Content -LiteralPath $copy.FullName -Raw | Should -BeExactly $Content
            $copy.Length | Should -Be $changed.Length
            $copy.LastWriteTimeUtc | Should -Be $written
        }

        It 'copies empty folders, zero-byte files, and names with spaces and non-ASCII characters' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            $result.Files.Failed | Should -Be 0
            $archive = Join-Path $case.Destination 'TaskLogs/Archive'
            Test-Path -LiteralPath $archive -PathType Container | Should -BeTrue
            @(Get-ChildItem -LiteralPath $archive -Force).Count | Should -Be 0
            $empty = Get-Item -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-101/empty.log')
            $empty.Length | Should -Be 0
            $empty.LastWriteTimeUtc | Should -Be (Get-OctoHaTestFileTime)
            Get-Content -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-101/Deploy to Production.txt') -Raw |
                Should -BeExactly 'an artifact whose name has spaces'
            $name = $case.NonAsciiName
            Get-Content -LiteralPath (Join-Path $case.Destination "Artifacts/$name/$name.txt") -Raw | Should -BeExactly 'non-ASCII names'
        }

        It 'takes the source and destination by position, by alias, and as PowerShell paths' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            # Relative paths resolve against the current PowerShell location, not the process's directory.
            Push-Location -LiteralPath $case.Root
            try {
                $byPosition = Copy-OctoHaBlobData src 'copy by position'
            }
            finally {
                Pop-Location
            }
            $byPosition.ExitCode | Should -Be 1
            Get-OctoHaTestTree (Join-Path $case.Root 'copy by position') | Should -BeExactly (Get-OctoHaTestTree $case.Source)

            # A PowerShell drive path reaches the engine as a file system path.
            $drive = 'TestDrive:/' + (Split-Path -Path $case.Root -Leaf)
            $byAlias = Copy-OctoHaBlobData -SourcePath "$drive/src" -DestinationPath "$drive/copy by alias"
            $byAlias.ExitCode | Should -Be 1
            $byAlias.Source | Should -Not -BeLike 'TestDrive:*'
            Get-OctoHaTestTree (Join-Path $case.Root 'copy by alias') | Should -BeExactly (Get-OctoHaTestTree $case.Source)

            $again = Copy-OctoHaBlobData -SourcePath $case.Source -DestinationPath (Join-Path $case.Root 'copy by alias')
            $again.ExitCode | Should -Be 0
        }
    }

    Context 'extras and -Mirror' {
        BeforeAll {
            # A destination copied from the source, plus what the source lacks: a file, and a folder with a file in it.
            function New-CaseWithExtras {
                param([Parameter(Mandatory)] [string] $Root)
                $case = New-OctoHaTestBlobCase -Root $Root
                $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
                $null = New-OctoHaTestFile (Join-Path $case.Destination 'TaskLogs/servertasks-099.log.txt') 'deleted by retention at the source'
                $null = New-OctoHaTestFile (Join-Path $case.Destination 'Artifacts/ServerTasks-099/old.zip') 'an old artifact'
                $case
            }
        }

        It 'with -Mirror deletes the extra file and folder, keeps the rest, and returns exit code 2' {
            $case = New-CaseWithExtras -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror

            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/servertasks-099.log.txt') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-099') | Should -BeFalse
            Get-OctoHaTestTree $case.Destination | Should -BeExactly (Get-OctoHaTestTree $case.Source)
            $result.Mirror | Should -BeTrue
            $result.Dirs.Extras | Should -Be 1
            $result.Files.Extras | Should -BeGreaterOrEqual 1
            $result.Files.Copied | Should -Be 0
            $result.Files.Failed | Should -Be 0
            $result.Dirs.Failed | Should -Be 0
            $result.ExitCode | Should -Be 2
            Get-OctoHaTestPartialFile $case.Destination | Should -BeNullOrEmpty
        }

        It 'without -Mirror only counts the extras, deletes nothing, and returns exit code 2' {
            $case = New-CaseWithExtras -Root $TestDrive
            $before = Get-OctoHaTestTree $case.Destination

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            Get-OctoHaTestTree $case.Destination | Should -BeExactly $before
            $result.Files.Extras | Should -Be 1
            $result.Dirs.Extras | Should -Be 1
            ($result.ExitCode -band 2) | Should -Be 2
            $result.ExitCode | Should -Be 2
        }

        It 'refuses with MirrorSourceNotSound to mirror an empty source over a destination that has content, and deletes nothing' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $empty = New-Item -ItemType Directory -Path (Join-Path $case.Root 'empty') -Force
            $before = Get-OctoHaTestTree $case.Destination

            $err = $null
            try {
                $null = Copy-OctoHaBlobData -Source $empty.FullName -Destination $case.Destination -Mirror -ErrorAction Stop
            }
            catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'MirrorSourceNotSound,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
            Get-OctoHaTestTree $case.Destination | Should -BeExactly $before
        }

        It 'mirrors an empty source with -Force, emptying the destination' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $empty = New-Item -ItemType Directory -Path (Join-Path $case.Root 'empty') -Force

            $result = Copy-OctoHaBlobData -Source $empty.FullName -Destination $case.Destination -Mirror -Force

            Test-Path -LiteralPath $case.Destination -PathType Container | Should -BeTrue
            @(Get-ChildItem -LiteralPath $case.Destination -Force).Count | Should -Be 0
            ($result.ExitCode -band 2) | Should -Be 2
            ($result.ExitCode -band 8) | Should -Be 0
        }

        It 'refuses with MirrorSourceNotSound to mirror a blob folder the source lacks over one the destination has' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'Imports/import-1.zip') 'an earlier import'
            $before = Get-OctoHaTestTree $case.Destination

            $err = $null
            try {
                $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Folder Imports -Mirror -ErrorAction Stop
            }
            catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'MirrorSourceNotSound,*'
            Get-OctoHaTestTree $case.Destination | Should -BeExactly $before
        }
    }

    Context 'paths that cannot work' {
        It 'fails with <ErrorId> for <Situation>, and changes nothing' -ForEach @(
            @{ Situation = 'the same folder as source and destination'; Source = 'src'; Destination = 'src'; Mirror = $false; ErrorId = 'SameSourceAndDestination'; Category = 'InvalidArgument' }
            @{ Situation = 'the same folder written with a trailing separator'; Source = 'src'; Destination = 'src/'; Mirror = $true; ErrorId = 'SameSourceAndDestination'; Category = 'InvalidArgument' }
            @{ Situation = 'a destination inside the source'; Source = 'src'; Destination = 'src/TaskLogs/copy'; Mirror = $false; ErrorId = 'DestinationInsideSource'; Category = 'InvalidArgument' }
            @{ Situation = 'a source inside the destination'; Source = 'src/TaskLogs'; Destination = 'src'; Mirror = $false; ErrorId = 'SourceInsideDestination'; Category = 'InvalidArgument' }
            @{ Situation = 'a source inside the destination, mirrored'; Source = 'src/TaskLogs'; Destination = 'src'; Mirror = $true; ErrorId = 'SourceInsideDestination'; Category = 'InvalidArgument' }
            @{ Situation = 'a source that does not exist'; Source = 'missing'; Destination = 'dst'; Mirror = $false; ErrorId = 'SourceNotFound'; Category = 'ObjectNotFound' }
            @{ Situation = 'a source that does not exist, mirrored'; Source = 'missing'; Destination = 'src'; Mirror = $true; ErrorId = 'SourceNotFound'; Category = 'ObjectNotFound' }
            @{ Situation = 'a source that is a file'; Source = 'src/Packages/Acme.Web.1.0.0.nupkg'; Destination = 'dst'; Mirror = $false; ErrorId = 'SourceNotAFolder'; Category = 'InvalidArgument' }
        ) {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $before = Get-OctoHaTestTree $case.Root

            $err = $null
            try {
                $null = Copy-OctoHaBlobData -Source (Join-Path $case.Root $Source) -Destination (Join-Path $case.Root $Destination) -Mirror:$Mirror -ErrorAction Stop
            }
            catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $err.CategoryInfo.Category | Should -Be $Category
            Get-OctoHaTestTree $case.Root | Should -BeExactly $before
        }

        It 'rejects <Situation> before copying anything' -ForEach @(
            @{ Situation = 'a -Folder name that is not an Octopus blob folder'; Arguments = @{ Folder = 'Logs' } }
            @{ Situation = 'a -ThreadCount of 0'; Arguments = @{ ThreadCount = 0 } }
            @{ Situation = 'a negative -Retry'; Arguments = @{ Retry = -1 } }
        ) {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $err = $null
            try {
                $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination @Arguments -ErrorAction Stop
            }
            catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
            Test-Path -LiteralPath $case.Destination | Should -BeFalse
        }
    }

    Context '-WhatIf and -Confirm' {
        It '-WhatIf creates nothing and returns what it would copy, with ListOnly' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror -WhatIf

            Test-Path -LiteralPath $case.Destination | Should -BeFalse
            $result.PSObject.TypeNames | Should -Contain 'OctoHa.Blob.BlobCopySummary'
            $result.ListOnly | Should -BeTrue
            $result.Files.Copied | Should -Be $case.FileCount
            $result.Bytes.Copied | Should -Be $case.ByteCount
            $result.ExitCode | Should -Be 1
        }

        It '-WhatIf with -Mirror changes nothing in an existing destination, not even an interrupted run''s temporaries' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $null = New-OctoHaTestFile (Join-Path $case.Source 'TaskLogs/servertasks-101.log.txt') 'Task ServerTasks-101 finished, then retried'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'TaskLogs/servertasks-099.log.txt') 'deleted by retention at the source'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'TaskLogs/.servertasks-102.log.txt.octoha-partial-0badf00d') 'half a file'
            $before = Get-OctoHaTestTree $case.Destination

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror -WhatIf

            Get-OctoHaTestTree $case.Destination | Should -BeExactly $before
            $result.ListOnly | Should -BeTrue
            $result.Files.Copied | Should -Be 1
            $result.Files.Extras | Should -Be 1
            $result.ExitCode | Should -Be 3
        }

        It 'honours $WhatIfPreference as -WhatIf' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $WhatIfPreference = $true
            try {
                $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            }
            finally {
                $WhatIfPreference = $false
            }

            Test-Path -LiteralPath $case.Destination | Should -BeFalse
            $result.ListOnly | Should -BeTrue
        }

        It 'runs without asking with -Confirm:$false even when $ConfirmPreference is Low' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $ConfirmPreference = 'Low'
            try {
                $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Confirm:$false
            }
            finally {
                $ConfirmPreference = 'High'
            }

            $result.ListOnly | Should -BeFalse
            $result.ExitCode | Should -Be 1
            Get-OctoHaTestTree $case.Destination | Should -BeExactly (Get-OctoHaTestTree $case.Source)
        }
    }

    Context '-Folder' {
        It 'copies only TaskLogs and, even with -Mirror, leaves the rest of the destination alone' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'Packages/Other.2.0.0.nupkg') 'a package only the destination has'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'readme.txt') 'not in a blob folder'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'TaskLogs/servertasks-099.log.txt') 'deleted by retention at the source'
            $packages = Get-OctoHaTestTree (Join-Path $case.Destination 'Packages')

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Folder TaskLogs -Mirror

            Get-OctoHaTestTree (Join-Path $case.Destination 'TaskLogs') | Should -BeExactly (Get-OctoHaTestTree (Join-Path $case.Source 'TaskLogs'))
            Test-Path -LiteralPath (Join-Path $case.Destination 'Artifacts') | Should -BeFalse
            Get-OctoHaTestTree (Join-Path $case.Destination 'Packages') | Should -BeExactly $packages
            Test-Path -LiteralPath (Join-Path $case.Destination 'readme.txt') -PathType Leaf | Should -BeTrue
            $result.Files.Total | Should -Be 2
            $result.Files.Copied | Should -Be 2
            $result.Files.Extras | Should -Be 1
            $result.ExitCode | Should -Be 3
        }

        It 'takes several folder names in any case' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Folder 'tasklogs', 'ARTIFACTS'

            # The folders keep their real names, also on case-sensitive file systems.
            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/servertasks-101.log.txt') -PathType Leaf | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-101/empty.log') -PathType Leaf | Should -BeTrue
            Test-Path -LiteralPath (Join-Path $case.Destination 'Packages') | Should -BeFalse
            $result.Files.Copied | Should -Be ($case.FileCount - 1)
        }

        It 'skips a blob folder the source lacks, with a warning' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Folder 'TaskLogs', 'EventExports' -WarningVariable warnings -WarningAction SilentlyContinue

            ($warnings | Out-String) | Should -Match 'EventExports'
            Test-Path -LiteralPath (Join-Path $case.Destination 'EventExports') | Should -BeFalse
            $result.Files.Copied | Should -Be 2
            $result.ExitCode | Should -Be 1
        }

        It 'fails with SourceNotFound when the data root itself does not exist' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive

            $err = $null
            try {
                $null = Copy-OctoHaBlobData -Source (Join-Path $case.Root 'share not mounted') -Destination $case.Destination -Folder TaskLogs -ErrorAction Stop -WarningAction SilentlyContinue
            }
            catch { $err = $_ }

            $err | Should -Not -BeNullOrEmpty -Because 'a data root that is not there must not pass for a copy with nothing to do'
            $err.FullyQualifiedErrorId | Should -BeLike 'SourceNotFound,*'
        }
    }

    Context 'exclusions' {
        It '-ExcludeFile leaves matching files out: not copied, not counted, and not deleted by -Mirror' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = New-OctoHaTestFile (Join-Path $case.Source 'TaskLogs/servertasks-103.log.tmp') 'still being written'
            $null = New-OctoHaTestFile (Join-Path $case.Source 'Packages/upload.TMP') 'an upload in progress'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'TaskLogs/keep.tmp') 'only at the destination'

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror -ExcludeFile '*.tmp'

            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/servertasks-103.log.tmp') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'Packages/upload.TMP') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/keep.tmp') -PathType Leaf | Should -BeTrue
            $result.Files.Total | Should -Be $case.FileCount
            $result.Files.Copied | Should -Be $case.FileCount
            $result.Files.Extras | Should -Be 0
            $result.ExitCode | Should -Be 1
        }

        It '-ExcludeDirectory leaves folders out by name or relative path, at the source and the destination' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = New-OctoHaTestFile (Join-Path $case.Source 'TaskLogs/Archive/servertasks-001.log.txt') 'archived'
            $null = New-OctoHaTestFile (Join-Path $case.Destination 'Artifacts/ServerTasks-099/old.zip') 'only at the destination'

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror -ExcludeDirectory 'ServerTasks-*', 'TaskLogs/Archive'

            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/Archive') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-101') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'Artifacts/ServerTasks-099/old.zip') -PathType Leaf | Should -BeTrue
            $name = $case.NonAsciiName
            Test-Path -LiteralPath (Join-Path $case.Destination "Artifacts/$name/$name.txt") -PathType Leaf | Should -BeTrue
            $result.Dirs.Extras | Should -Be 0
            $result.Files.Extras | Should -Be 0
            $result.Files.Copied | Should -Be ($case.FileCount - 2)
            $result.ExitCode | Should -Be 1
        }
    }

    Context '-Checksum' {
        It 'copies a file of the same size and last-write time whose bytes differ, which the default rule cannot see' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $original = Get-Item -LiteralPath (Join-Path $case.Source 'Packages/Acme.Web.1.0.0.nupkg')
            $copy = Join-Path $case.Destination 'Packages/Acme.Web.1.0.0.nupkg'
            $originalText = Get-Content -LiteralPath $original.FullName -Raw
            $damaged = 'X' * $originalText.Length
            $null = New-OctoHaTestFile $copy $damaged -LastWriteTimeUtc $original.LastWriteTimeUtc
            (Get-Item -LiteralPath $copy).Length | Should -Be $original.Length

            $plain = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $plain.Files.Copied | Should -Be 0
            Get-Content -LiteralPath $copy -Raw | Should -BeExactly $damaged

            $checked = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Checksum
            $checked.Files.Copied | Should -Be 1
            $checked.Files.Skipped | Should -Be ($case.FileCount - 1)
            $checked.ExitCode | Should -Be 1
            Get-Content -LiteralPath $copy -Raw | Should -BeExactly $originalText
            (Get-Item -LiteralPath $copy).LastWriteTimeUtc | Should -Be $original.LastWriteTimeUtc

            $again = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Checksum
            $again.Files.Copied | Should -Be 0
            $again.ExitCode | Should -Be 0
        }
    }

    Context 'safety' {
        It 'replaces a read-only file at the destination' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $copy = Join-Path $case.Destination 'TaskLogs/servertasks-101.log.txt'
            (Get-Item -LiteralPath $copy).IsReadOnly = $true
            $written = (Get-OctoHaTestFileTime).AddMinutes(5)
            $null = New-OctoHaTestFile (Join-Path $case.Source 'TaskLogs/servertasks-101.log.txt') 'Task ServerTasks-101 finished, then retried' -LastWriteTimeUtc $written

            try {
                $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

                $result.Files.Copied | Should -Be 1
                $result.Files.Failed | Should -Be 0
                $result.ExitCode | Should -Be 1
                Get-Content -LiteralPath $copy -Raw | Should -BeExactly 'Task ServerTasks-101 finished, then retried'
                (Get-Item -LiteralPath $copy).LastWriteTimeUtc | Should -Be $written
                Get-OctoHaTestPartialFile $case.Destination | Should -BeNullOrEmpty
            }
            finally {
                if (Test-Path -LiteralPath $copy) { (Get-Item -LiteralPath $copy -Force).IsReadOnly = $false }
            }
        }

        It 'deletes the temporary files an interrupted run left, without counting them as extras' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $leftover = Join-Path $case.Destination 'TaskLogs/.servertasks-101.log.txt.octoha-partial-0badf00d'
            $null = New-OctoHaTestFile $leftover 'Task Server'

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination

            Test-Path -LiteralPath $leftover | Should -BeFalse
            $result.Files.Extras | Should -Be 0
            $result.ExitCode | Should -Be 0
            Get-OctoHaTestPartialFile $case.Destination | Should -BeNullOrEmpty
        }

        It 'reports a folder at the destination where the source has a file as a mismatch (exit code 4), and leaves it' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $package = Join-Path $case.Destination 'Packages/Acme.Web.1.0.0.nupkg'
            Remove-Item -LiteralPath $package
            $null = New-OctoHaTestFile (Join-Path $package 'inside.txt') 'a folder in the way'

            # Each failed file is also a non-terminating error (BlobCopyItemFailed); collect it rather than let an
            # ErrorActionPreference of Stop (the runner sets one, and test scopes inherit it) turn it into a throw.
            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror -ErrorVariable copyErrors -ErrorAction SilentlyContinue

            Test-Path -LiteralPath (Join-Path $package 'inside.txt') -PathType Leaf | Should -BeTrue
            $result.Files.Mismatch | Should -Be 1
            @($result.Failures).Count | Should -Be 1
            $result.Failures[0].Path | Should -BeLike '*Acme.Web.1.0.0.nupkg'
            $result.ExitCode | Should -Be 4
            $copyErrors.Count | Should -Be 1
            $copyErrors[0].FullyQualifiedErrorId | Should -BeLike 'BlobCopyItemFailed,*'
        }

        It 'does not follow or copy symbolic links in the source, and counts them as skipped' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $outside = Join-Path $case.Root 'outside'
            $null = New-OctoHaTestFile (Join-Path $outside 'secret.txt') 'outside the source'
            try {
                $null = New-Item -ItemType SymbolicLink -Path (Join-Path $case.Source 'TaskLogs/linked folder') -Target $outside -ErrorAction Stop
                $null = New-Item -ItemType SymbolicLink -Path (Join-Path $case.Source 'TaskLogs/linked.log.txt') -Target (Join-Path $outside 'secret.txt') -ErrorAction Stop
            }
            catch {
                Set-ItResult -Skipped -Because "this account cannot create symbolic links here: $($_.Exception.Message)"
                return
            }
            $log = Join-Path $case.Root 'copy.log'

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -LogPath $log

            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/linked folder') | Should -BeFalse
            Test-Path -LiteralPath (Join-Path $case.Destination 'TaskLogs/linked.log.txt') | Should -BeFalse
            $result.Dirs.Skipped | Should -Be 1
            $result.Files.Skipped | Should -Be 1
            $result.Files.Copied | Should -Be $case.FileCount
            $result.Files.Failed | Should -Be 0
            $result.ExitCode | Should -Be 1
            @(Select-String -LiteralPath $log -Pattern '*LINK skipped' -SimpleMatch).Count | Should -Be 2
        }

        It '-Mirror deletes an extra link at the destination, never what it points to' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $null = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination
            $outside = Join-Path $case.Root 'outside'
            $null = New-OctoHaTestFile (Join-Path $outside 'secret.txt') 'outside the destination'
            $link = Join-Path $case.Destination 'TaskLogs/linked folder'
            try {
                $null = New-Item -ItemType SymbolicLink -Path $link -Target $outside -ErrorAction Stop
            }
            catch {
                Set-ItResult -Skipped -Because "this account cannot create symbolic links here: $($_.Exception.Message)"
                return
            }

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -Mirror

            Test-Path -LiteralPath $link | Should -BeFalse
            Get-Content -LiteralPath (Join-Path $outside 'secret.txt') -Raw | Should -BeExactly 'outside the destination'
            ($result.Files.Failed + $result.Dirs.Failed) | Should -Be 0
        }
    }

    Context '-LogPath' {
        It 'writes a robocopy-like log with each copied file and the summary table' {
            $case = New-OctoHaTestBlobCase -Root $TestDrive
            $log = Join-Path $case.Root 'logs/blob copy.log'

            $result = Copy-OctoHaBlobData -Source $case.Source -Destination $case.Destination -LogPath $log

            Test-Path -LiteralPath $log -PathType Leaf | Should -BeTrue
            $text = Get-Content -LiteralPath $log -Raw -Encoding UTF8
            $text | Should -Match ([regex]::Escape($result.Source))
            $text | Should -Match ([regex]::Escape($result.Destination))
            $text | Should -Match 'New File'
            $text | Should -Match ([regex]::Escape('servertasks-101.log.txt'))
            foreach ($row in 'Dirs', 'Files', 'Bytes') {
                $c = $result.$row
                $text | Should -Match ('{0} :\s+{1}\s+{2}\s+{3}\s+{4}\s+{5}\s+{6}' -f $row, $c.Total, $c.Copied, $c.Skipped, $c.Mismatch, $c.Failed, $c.Extras)
            }
            $text | Should -Match '\(exit code 1\)'
        }
    }
}
