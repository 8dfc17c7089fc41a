#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.3.0' }

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-OctoHaTestModule
}

Describe 'Get-OctoHaTaskCapPlan' {
    It 'reproduces the HA guide example: 13 at least, 16 recommended, 8 per node' {
        $plan = Get-OctoHaTaskCapPlan -Projects 50 -AverageDeploymentMinutes 30 -WindowMinutes 120 -Nodes 2
        $plan.ConcurrentDeployments | Should -Be 12.5
        $plan.RequiredTaskCap | Should -Be 13
        $plan.RecommendedTaskCap | Should -Be 16
        $plan.TaskCapPerNode | Should -Be 8
        $plan.PSObject.TypeNames | Should -Contain 'OctoHa.Planning.TaskCapPlan'
    }

    It 'accepts projects, window and nodes by position and defaults the average to 30 minutes' {
        $plan = Get-OctoHaTaskCapPlan 50 120 2
        $plan.AverageDeploymentMinutes | Should -Be 30
        $plan.TaskCapPerNode | Should -Be 8
    }

    It 'shows a table view' {
        # Wide enough for all nine columns: without -Width, Out-String uses the host's width (80 in a default console).
        $text = Get-OctoHaTaskCapPlan -Projects 50 -WindowMinutes 120 -Nodes 2 | Out-String -Width 250
        $text | Should -Match 'Recommended'
        $text | Should -Match '16'
    }

    It 'warns that one node is not highly available' {
        $null = Get-OctoHaTaskCapPlan -Projects 50 -WindowMinutes 120 -Nodes 1 -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings | Out-String) | Should -Match 'not high availability'
    }

    It 'rejects <Case> with error id <ErrorId>' -ForEach @(
        @{ Case = 'zero projects'; Arguments = @{ Projects = 0; WindowMinutes = 120; Nodes = 2 }; ErrorId = 'InvalidProjectCount' }
        @{ Case = 'a negative window'; Arguments = @{ Projects = 5; WindowMinutes = -1; Nodes = 2 }; ErrorId = 'InvalidWindowMinutes' }
        @{ Case = 'zero nodes'; Arguments = @{ Projects = 5; WindowMinutes = 120; Nodes = 0 }; ErrorId = 'InvalidNodeCount' }
        @{ Case = 'a zero average'; Arguments = @{ Projects = 5; WindowMinutes = 120; Nodes = 2; AverageDeploymentMinutes = 0 }; ErrorId = 'InvalidAverageDeploymentMinutes' }
    ) {
        $caught = $null
        try { Get-OctoHaTaskCapPlan @Arguments -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'loads the engine in its own load context on PowerShell 7' -Skip:($PSEdition -ne 'Core') {
        $null = Get-OctoHaTaskCapPlan -Projects 1 -WindowMinutes 60 -Nodes 2
        $engine = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OctoHa.Core' }
        $engine | Should -Not -BeNullOrEmpty
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine[0]).Name | Should -Be 'OctoHa'
    }
}
