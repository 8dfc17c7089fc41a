#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }
# The cluster cmdlets against an emulated Octopus HA cluster: `octoha emulator start` runs as a real process on
# loopback and the cmdlets talk to it over HTTP. Each Describe (or Context) starts its own cluster, so no block
# depends on another's leftovers. Asynchronous state is polled with Wait-Until, never waited for by a bare sleep.
# The emulator names its nodes OCTO-NODE-1..3; every node starts with task cap 5 and checks in every second here.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
}

Describe 'Connect-OctoHaServer' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'returns the checked server and makes later calls work without -Connection' {
        $server = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
        $server.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.ConnectedServer'
        $server.ServerUrl.AbsoluteUri | Should -Be $emulator.ApiUrl
        $server.NodeCount | Should -Be 3
        $server.Version | Should -Not -BeNullOrEmpty

        # The session default must come before the environment variables, which point nowhere here.
        $saved = @{ Url = $env:OCTOPUS_URL; Key = $env:OCTOPUS_API_KEY }
        try {
            $env:OCTOPUS_URL = 'http://127.0.0.1:9/'
            $env:OCTOPUS_API_KEY = 'API-NOTTHEKEY0000000000000000'
            $nodes = @(Get-OctoHaNode -ErrorAction Stop)
        }
        finally {
            $env:OCTOPUS_URL = $saved.Url
            $env:OCTOPUS_API_KEY = $saved.Key
        }
        $nodes.Count | Should -Be 3
        @($nodes.Name) | Should -Be @($emulator.Nodes.Name | Sort-Object)
    }

    It 'keeps the API key out of the returned object and its formatting' {
        $server = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
        $shown = @(
            $server | Out-String
            $server | Format-List -Property * | Out-String
            $server.Connection | Format-List -Property * | Out-String
            $server | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
        ) -join "`n"
        $shown | Should -Not -BeLike "*$($emulator.ApiKey)*"
        "$($server.Connection.ApiKey)" | Should -Be 'API-********'
    }

    It 'fails with ApiKeyRejected for a wrong key, keeps the key out of the error, and keeps the previous default' {
        $null = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
        $wrongKey = 'API-WRONGKEY000000000000000000'
        $err = $null
        try {
            $null = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey (ConvertTo-SecureString -String $wrongKey -AsPlainText -Force) -ErrorAction Stop
        }
        catch { $err = $_ }

        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ApiKeyRejected,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        foreach ($key in $wrongKey, $emulator.ApiKey) {
            $err.Exception.Message | Should -Not -BeLike "*$key*"
            ($err | Out-String) | Should -Not -BeLike "*$key*"
        }
        # A failed connect leaves the session default alone.
        @(Get-OctoHaNode -ErrorAction Stop).Count | Should -Be 3
    }

    It 'fails with ApiKeyMalformed for a key that is not an Octopus API key, without echoing it' {
        $notAKey = 'octopus-secret-123'
        $err = $null
        try {
            $null = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey (ConvertTo-SecureString -String $notAKey -AsPlainText -Force) -ErrorAction Stop
        }
        catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ApiKeyMalformed,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Not -BeLike "*$notAKey*"
    }

    It 'fails with ServerUrlMalformed for <Url>' -ForEach @(
        @{ Url = 'octopus.example.com' }
        @{ Url = 'ftp://octopus.example.com/' }
        @{ Url = 'https://octopus.example.com/?apikey=API-INURL00000000000' }
    ) {
        $err = $null
        try { $null = Connect-OctoHaServer -Url $Url -ApiKey $emulator.SecureApiKey -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ServerUrlMalformed,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Not -BeLike '*API-INURL*'
    }

    It 'fails with ServerUnreachable when nothing listens at the URL' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $err = $null
        try { $null = Connect-OctoHaServer -Url "http://127.0.0.1:$port/" -ApiKey $emulator.SecureApiKey -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ServerUnreachable,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'falls back to OCTOPUS_URL and OCTOPUS_API_KEY in a runspace that has no connection of its own' {
        # The session default belongs to this runspace; a new one starts without it.
        $manifest = Join-Path (Get-OctoHaTestPackagePath) 'OctoHa.psd1'
        $saved = @{ Url = $env:OCTOPUS_URL; Key = $env:OCTOPUS_API_KEY }
        $shell = [powershell]::Create()
        try {
            $env:OCTOPUS_URL = $emulator.ApiUrl
            $env:OCTOPUS_API_KEY = $emulator.ApiKey
            $null = $shell.AddScript('param($Manifest) Import-Module -Name $Manifest -ErrorAction Stop; Get-OctoHaNode').AddArgument($manifest)
            $nodes = @($shell.Invoke())
            $errors = @($shell.Streams.Error)
        }
        finally {
            $shell.Dispose()
            $env:OCTOPUS_URL = $saved.Url
            $env:OCTOPUS_API_KEY = $saved.Key
        }
        $errors.Count | Should -Be 0 -Because ($errors | Out-String)
        $nodes.Count | Should -Be 3
    }
}

Describe 'Get-OctoHaNode' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
        $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'returns every node with exactly Name, Id, TaskCap, Draining, LastSeen, RunningTasks, Version and State' {
        $nodes = @(Get-OctoHaNode -Connection $connection)
        $nodes.Count | Should -Be 3
        @($nodes.Name) | Should -Be @('OCTO-NODE-1', 'OCTO-NODE-2', 'OCTO-NODE-3')
        foreach ($node in $nodes) {
            $node.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.ClusterNode'
            @($node.PSObject.Properties.Name | Sort-Object) |
                Should -Be @('Draining', 'Id', 'LastSeen', 'Name', 'RunningTasks', 'State', 'TaskCap', 'Version')
            $node.Id | Should -Be "OctopusServerNodes-$($node.Name)"
            $node.TaskCap | Should -Be 5
            $node.Draining | Should -BeFalse
            $node.RunningTasks | Should -Be 0
            $node.State | Should -Be 'Online'
            $node.Version | Should -Not -BeNullOrEmpty
            $node.LastSeen | Should -BeOfType ([System.DateTimeOffset])
        }
    }

    It 'filters -Name with wildcards, ignoring case' {
        @((Get-OctoHaNode -Name 'OCTO-NODE-[12]' -Connection $connection).Name) | Should -Be @('OCTO-NODE-1', 'OCTO-NODE-2')
        (Get-OctoHaNode -Name '*-3' -Connection $connection).Name | Should -Be 'OCTO-NODE-3'
        (Get-OctoHaNode -Name 'octo-node-2' -Connection $connection).Name | Should -Be 'OCTO-NODE-2'
    }

    It 'writes a non-terminating NodeNotFound error that lists the known nodes, and still returns the others' {
        # -ErrorAction SilentlyContinue does not stop a terminating error, so reaching the assertions proves it is not one.
        $found = @(Get-OctoHaNode -Name 'OCTO-NODE-9', 'OCTO-NODE-1' -Connection $connection -ErrorVariable notFound -ErrorAction SilentlyContinue)

        $found.Name | Should -Be 'OCTO-NODE-1'
        $notFound.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'NodeNotFound,*'
        $notFound[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $notFound[0].TargetObject | Should -Be 'OCTO-NODE-9'
        $notFound[0].Exception.Message | Should -BeLike '*OCTO-NODE-9*'
        foreach ($name in 'OCTO-NODE-1', 'OCTO-NODE-2', 'OCTO-NODE-3') {
            $notFound[0].Exception.Message | Should -BeLike "*$name*"
        }
    }

    It 'returns nothing and writes no error when a wildcard pattern matches no node' {
        $found = @(Get-OctoHaNode -Name 'NO-SUCH-NODE*' -Connection $connection -ErrorVariable problems)
        $found.Count | Should -Be 0
        $problems.Count | Should -Be 0
    }

    It 'takes names from the pipeline' {
        $found = @('OCTO-NODE-3', 'OCTO-NODE-1' | Get-OctoHaNode -Connection $connection)
        @($found.Name) | Should -Be @('OCTO-NODE-1', 'OCTO-NODE-3')
    }

    It 'rides out two HTTP 503 answers by retrying' {
        try {
            Add-OctoHaTestFault -Emulator $emulator -Kind Status -StatusCode 503 -Count 2 -PathPrefix '/api/octopusservernodes/summary'
            @(Get-OctoHaNode -Connection $connection -ErrorAction Stop).Count | Should -Be 3
        }
        finally {
            Clear-OctoHaTestFault -Emulator $emulator
        }
    }

    It 'rides out a dropped connection by retrying' {
        try {
            Add-OctoHaTestFault -Emulator $emulator -Kind Drop -Count 1 -PathPrefix '/api/octopusservernodes/summary'
            @(Get-OctoHaNode -Connection $connection -ErrorAction Stop).Count | Should -Be 3
        }
        finally {
            Clear-OctoHaTestFault -Emulator $emulator
        }
    }

    It 'fails with ServerError when the server keeps answering HTTP 500' {
        $err = $null
        try {
            Add-OctoHaTestFault -Emulator $emulator -Kind Status -StatusCode 500 -Count 100 -PathPrefix '/api/octopusservernodes/summary'
            try { $null = Get-OctoHaNode -Connection $connection -ErrorAction Stop } catch { $err = $_ }
        }
        finally {
            Clear-OctoHaTestFault -Emulator $emulator
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'ServerError,*'
        $err.Exception.Message | Should -BeLike '*HTTP 500*'
    }

    It 'reports a node that has stopped checking in as Offline' {
        Stop-OctoHaTestNode -Emulator $emulator -Name 'OCTO-NODE-3'
        try {
            $node = Wait-Until -Because 'OCTO-NODE-3 to count as Offline' {
                $candidate = Get-OctoHaNode -Name 'OCTO-NODE-3' -OfflineAfterSeconds 2 -Connection $connection
                if ($candidate.State -eq 'Offline') { $candidate }
            }
            $node.Name | Should -Be 'OCTO-NODE-3'
            $node.Draining | Should -BeFalse
        }
        finally {
            Start-OctoHaTestNode -Emulator $emulator -Name 'OCTO-NODE-3'
        }
    }
}

Describe 'Set-OctoHaTaskCap' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
        $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'sets the task cap, and a second identical call changes nothing' {
        $first = Set-OctoHaTaskCap -Name 'OCTO-NODE-1' -TaskCap 3 -Connection $connection
        $first.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.NodeChangeResult'
        $first.Changed | Should -BeTrue
        $first.TaskCap | Should -Be 3
        (Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection).TaskCap | Should -Be 3

        $second = Set-OctoHaTaskCap -Name 'OCTO-NODE-1' -TaskCap 3 -Connection $connection
        $second.Changed | Should -BeFalse
        $second.TaskCap | Should -Be 3
    }

    It 'keeps the node''s drain flag when it changes the task cap' {
        $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Connection $connection
        $null = Set-OctoHaTaskCap -Name 'OCTO-NODE-2' -TaskCap 7 -Connection $connection

        $node = Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection
        $node.TaskCap | Should -Be 7
        $node.Draining | Should -BeTrue
    }

    It 'warns that task cap 0 makes a UI-only node' {
        $result = Set-OctoHaTaskCap -Name 'OCTO-NODE-3' -TaskCap 0 -Connection $connection -WarningVariable warnings -WarningAction SilentlyContinue
        $result.TaskCap | Should -Be 0
        ($warnings | Out-String) | Should -BeLike '*UI-only*'
    }

    It 'refuses a negative task cap with InvalidTaskCap and changes nothing' {
        $before = (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).TaskCap
        $err = $null
        try { $null = Set-OctoHaTaskCap -Name 'OCTO-NODE-2' -TaskCap -1 -Connection $connection -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidTaskCap,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).TaskCap | Should -Be $before
    }

    It 'changes nothing under -WhatIf' {
        $before = (Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection).TaskCap
        $result = Set-OctoHaTaskCap -Name 'OCTO-NODE-1' -TaskCap ($before + 10) -Connection $connection -WhatIf

        $result | Should -BeNullOrEmpty -Because 'under -WhatIf only the What if line is written'
        (Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection).TaskCap | Should -Be $before
    }

    It 'fails with NodeNotFound for a node that does not exist' {
        $err = $null
        try { $null = Set-OctoHaTaskCap -Name 'OCTO-NODE-9' -TaskCap 2 -Connection $connection -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'NodeNotFound,*'
        $err.Exception.Message | Should -BeLike '*OCTO-NODE-1*'
    }

    It 'sets the task cap of a node piped from Get-OctoHaNode' {
        $result = Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection | Set-OctoHaTaskCap -TaskCap 2 -Connection $connection

        $result.Name | Should -Be 'OCTO-NODE-3'
        $result.Changed | Should -BeTrue
        $result.TaskCap | Should -Be 2
        (Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection).TaskCap | Should -Be 2
    }
}

Describe 'Invoke-OctoHaDrain' {
    Context 'when the node''s tasks finish in time' {
        BeforeAll {
            $emulator = Start-OctoHaTestEmulator
            $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
        }

        AfterAll {
            Stop-OctoHaTestEmulator -Emulator $emulator
        }

        It 'sets the drain flag and with -Wait returns once the node''s running tasks have finished' {
            # Fifteen tasks fill the five slots of every node, whichever order the nodes take them in.
            Add-OctoHaTestTask -Emulator $emulator -Count 15 -DurationSeconds 3 -Description 'Short emulated deployment'
            $null = Wait-Until -Because 'OCTO-NODE-1 to pick up tasks' {
                (Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection).RunningTasks -gt 0
            }

            $result = Invoke-OctoHaDrain -Name 'OCTO-NODE-1' -Wait -Timeout 60 -PollInterval 1 -Connection $connection

            $result.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.DrainResult'
            $result.Name | Should -Be 'OCTO-NODE-1'
            $result.AlreadyDraining | Should -BeFalse
            $result.Draining | Should -BeTrue
            $result.Waited | Should -BeTrue
            $result.TimedOut | Should -BeFalse
            @($result.RemainingTasks).Count | Should -Be 0
            $node = Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection
            $node.RunningTasks | Should -Be 0
            $node.Draining | Should -BeTrue
            $node.State | Should -Be 'Draining'
        }

        It 'reports AlreadyDraining for a node that is already draining, and leaves it draining' {
            $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Connection $connection
            $second = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Wait -Timeout 60 -PollInterval 1 -Connection $connection

            $second.AlreadyDraining | Should -BeTrue
            $second.Draining | Should -BeTrue
            $second.TimedOut | Should -BeFalse
            (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).Draining | Should -BeTrue
        }

        It 'changes nothing under -WhatIf' {
            $result = Invoke-OctoHaDrain -Name 'OCTO-NODE-3' -Wait -Connection $connection -WhatIf

            $result | Should -BeNullOrEmpty -Because 'under -WhatIf only the What if line is written'
            (Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection).Draining | Should -BeFalse
        }

        It 'drains a node piped from Get-OctoHaNode' {
            $result = Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection | Invoke-OctoHaDrain -Connection $connection

            $result.Name | Should -Be 'OCTO-NODE-3'
            $result.Draining | Should -BeTrue
            (Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection).State | Should -Be 'Draining'
        }
    }

    Context 'when the node''s tasks outlast -Timeout' {
        BeforeAll {
            $emulator = Start-OctoHaTestEmulator
            $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
            Add-OctoHaTestTask -Emulator $emulator -Count 15 -DurationSeconds 3600 -Description 'Long emulated deployment'
            $null = Wait-Until -Because 'every node to pick up five tasks' {
                @(Get-OctoHaNode -Connection $connection | Where-Object RunningTasks -EQ 5).Count -eq 3
            }
        }

        AfterAll {
            Stop-OctoHaTestEmulator -Emulator $emulator
        }

        It 'fails with DrainTimedOut naming the tasks, and leaves the node draining' {
            $err = $null
            try { $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-1' -Wait -Timeout 2 -PollInterval 1 -Connection $connection -ErrorAction Stop } catch { $err = $_ }

            $err.FullyQualifiedErrorId | Should -BeLike 'DrainTimedOut,*'
            $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err.Exception.Message | Should -BeLike '*Long emulated deployment*'
            $node = Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection
            $node.Draining | Should -BeTrue
            $node.RunningTasks | Should -Be 5
        }

        It 'cancels the tasks still running after -Timeout when -CancelRemainingTasks is given' {
            $result = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Wait -Timeout 2 -PollInterval 1 -CancelRemainingTasks -Connection $connection

            $result.TimedOut | Should -BeTrue
            $result.Draining | Should -BeTrue
            @($result.CancelledTasks).Count | Should -Be 5
            foreach ($task in $result.CancelledTasks) {
                $task.State | Should -BeIn @('Cancelling', 'Canceled')
            }
            $null = Wait-Until -Because 'the cancelled tasks on OCTO-NODE-2 to end' {
                (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).RunningTasks -eq 0
            }
            (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).Draining | Should -BeTrue
        }
    }
}

Describe 'Resume-OctoHaNode' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
        $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'ends the drain, so the node picks up tasks again' {
        $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Connection $connection
        # Ten tasks exactly fill the other two nodes; the draining node must get none of them.
        Add-OctoHaTestTask -Emulator $emulator -Count 10 -DurationSeconds 3600
        $null = Wait-Until -Because 'OCTO-NODE-1 and OCTO-NODE-3 to pick up all ten tasks' {
            $others = Get-OctoHaNode -Connection $connection | Where-Object Name -NE 'OCTO-NODE-2'
            ($others | Measure-Object -Property RunningTasks -Sum).Sum -eq 10
        }
        (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).RunningTasks | Should -Be 0

        $result = Resume-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection

        $result.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.NodeChangeResult'
        $result.Changed | Should -BeTrue
        $result.Draining | Should -BeFalse
        $result.State | Should -Be 'Online'
        # OCTO-NODE-2 is now the only node with free slots, so it must take the next task.
        Add-OctoHaTestTask -Emulator $emulator -Count 1 -DurationSeconds 3600
        $null = Wait-Until -Because 'the resumed OCTO-NODE-2 to pick up the new task' {
            (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).RunningTasks -eq 1
        }
        $node = Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection
        $node.Draining | Should -BeFalse
        $node.State | Should -Be 'Online'
    }

    It 'reports Changed = False for a node that is not draining' {
        $result = Resume-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection

        $result.Changed | Should -BeFalse
        $result.Draining | Should -BeFalse
    }

    It 'changes nothing under -WhatIf' {
        $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-1' -Connection $connection
        $result = Resume-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection -WhatIf

        $result | Should -BeNullOrEmpty -Because 'under -WhatIf only the What if line is written'
        (Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection).Draining | Should -BeTrue
    }

    It 'resumes the draining nodes piped from Get-OctoHaNode' {
        $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-3' -Connection $connection
        $draining = @(Get-OctoHaNode -Connection $connection | Where-Object Draining)
        $draining.Count | Should -BeGreaterThan 0

        $results = @($draining | Resume-OctoHaNode -Connection $connection)

        @($results.Name) | Should -Be @($draining.Name)
        @($results | Where-Object { -not $_.Changed }).Count | Should -Be 0
        @(Get-OctoHaNode -Connection $connection | Where-Object Draining).Count | Should -Be 0
    }
}

Describe 'Remove-OctoHaNode' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
        $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'removes a live node, warns that it adds itself back, and it does so at its next check-in' {
        $result = Remove-OctoHaNode -Name 'OCTO-NODE-1' -Confirm:$false -Connection $connection -WarningVariable warnings -WarningAction SilentlyContinue

        $result.PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.NodeChangeResult'
        $result.Action | Should -Be 'Remove'
        $result.Changed | Should -BeTrue
        ($warnings | Out-String) | Should -BeLike '*add itself back*'
        $back = Wait-Until -Because 'the live OCTO-NODE-1 to add itself back' {
            Get-OctoHaNode -Name 'OCTO-NODE-1' -Connection $connection -ErrorAction SilentlyContinue
        }
        $back.Name | Should -Be 'OCTO-NODE-1'
    }

    It 'removes nothing under -WhatIf' {
        # A dead node cannot add itself back, so a removal that happened would show.
        Stop-OctoHaTestNode -Emulator $emulator -Name 'OCTO-NODE-3'
        $null = Wait-Until -Because 'OCTO-NODE-3 to count as Offline' {
            (Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection).State -eq 'Offline'
        }

        $results = @(Get-OctoHaNode -Connection $connection | Where-Object State -EQ Offline | Remove-OctoHaNode -Connection $connection -WhatIf)

        $results.Count | Should -Be 0 -Because 'under -WhatIf only the What if line is written'
        (Get-OctoHaNode -Name 'OCTO-NODE-3' -Connection $connection).Name | Should -Be 'OCTO-NODE-3'
    }

    It 'refuses a node with running tasks with NodeHasRunningTasks, and removes it with -Force' {
        # Fill the live nodes' slots, then kill OCTO-NODE-2: a dead node's tasks stay Executing, as in Octopus.
        Add-OctoHaTestTask -Emulator $emulator -Count 15 -DurationSeconds 3600 -Description 'Stuck emulated deployment'
        $null = Wait-Until -Because 'OCTO-NODE-2 to pick up tasks' {
            (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).RunningTasks -gt 0
        }
        Stop-OctoHaTestNode -Emulator $emulator -Name 'OCTO-NODE-2'

        $err = $null
        try { $null = Remove-OctoHaNode -Name 'OCTO-NODE-2' -Confirm:$false -Connection $connection -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'NodeHasRunningTasks,*'
        $err.CategoryInfo.Category | Should -Be 'ResourceBusy'
        $err.Exception.Message | Should -BeLike '*Stuck emulated deployment*'
        (Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection).Name | Should -Be 'OCTO-NODE-2'

        $result = Remove-OctoHaNode -Name 'OCTO-NODE-2' -Force -Confirm:$false -Connection $connection -WarningAction SilentlyContinue

        $result.Changed | Should -BeTrue
        $null = Get-OctoHaNode -Name 'OCTO-NODE-2' -Connection $connection -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone.Count | Should -Be 1
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'NodeNotFound,*'
    }
}

Describe 'Test-OctoHaNode' {
    BeforeAll {
        $emulator = Start-OctoHaTestEmulator
        $connection = Connect-OctoHaServer -Url $emulator.ApiUrl -ApiKey $emulator.SecureApiKey
        $urls = @{}
        foreach ($node in $emulator.Nodes) { $urls[$node.Name] = $node.Url }
        $null = Invoke-OctoHaDrain -Name 'OCTO-NODE-2' -Connection $connection
        Stop-OctoHaTestNode -Emulator $emulator -Name 'OCTO-NODE-3'
    }

    AfterAll {
        Stop-OctoHaTestEmulator -Emulator $emulator
    }

    It 'reports Online, Draining and Offline for the three node URLs in one call' {
        $results = @(Test-OctoHaNode -Url $emulator.Nodes.Url)

        $results.Count | Should -Be 3
        $results[0].PSObject.TypeNames | Should -Contain 'OctoHa.Cluster.PingResult'

        $online = $results | Where-Object Url -EQ $urls['OCTO-NODE-1']
        $online.State | Should -Be 'Online'
        $online.StatusCode | Should -Be 200
        $online.Name | Should -Be 'OCTO-NODE-1'
        $online.Draining | Should -BeFalse
        $online.Version | Should -Not -BeNullOrEmpty

        $draining = $results | Where-Object Url -EQ $urls['OCTO-NODE-2']
        $draining.State | Should -Be 'Draining'
        $draining.StatusCode | Should -Be 418
        $draining.Name | Should -Be 'OCTO-NODE-2'
        $draining.Draining | Should -BeTrue

        $offline = $results | Where-Object Url -EQ $urls['OCTO-NODE-3']
        $offline.State | Should -Be 'Offline'
        $offline.StatusCode | Should -BeNullOrEmpty
        $offline.Error | Should -Not -BeNullOrEmpty
    }

    It 'takes node objects with a Url property from the pipeline' {
        $results = @($emulator.Nodes | Test-OctoHaNode)

        $results.Count | Should -Be 3
        @($results | Where-Object State -EQ 'Online').Count | Should -Be 1
        @($results | Where-Object State -EQ 'Draining').Count | Should -Be 1
        @($results | Where-Object State -EQ 'Offline').Count | Should -Be 1
    }

    It 'reports a node that does not answer within -Timeout as Offline' {
        $null = Invoke-OctoHaTestEmulatorControl -Emulator $emulator -Path 'emulator/nodes/OCTO-NODE-1/hang'
        try {
            $results = @(Test-OctoHaNode -Url $emulator.Nodes.Url -Timeout 1)
        }
        finally {
            $null = Invoke-OctoHaTestEmulatorControl -Emulator $emulator -Path 'emulator/nodes/OCTO-NODE-1/unhang'
        }

        $hung = $results | Where-Object Url -EQ $urls['OCTO-NODE-1']
        $hung.State | Should -Be 'Offline'
        $hung.StatusCode | Should -BeNullOrEmpty
        $hung.Error | Should -Not -BeNullOrEmpty
        ($results | Where-Object Url -EQ $urls['OCTO-NODE-2']).State | Should -Be 'Draining'
    }

    It 'fails with ServerUrlMalformed for a URL that is not http(s), before pinging any node' {
        $err = $null
        try { $null = Test-OctoHaNode -Url $urls['OCTO-NODE-1'], 'ftp://octo1.example.com/' -ErrorAction Stop } catch { $err = $_ }

        $err.FullyQualifiedErrorId | Should -BeLike 'ServerUrlMalformed,*'
    }
}
