using System.Collections.Generic;

namespace OctoHa.Cli
{
    /// <summary>
    /// The one map from each cmdlet to its CLI twin. The contract tests check that its keys are exactly the
    /// module's cmdlets and that every value is a command path in the `octoha` tree.
    /// </summary>
    public static class CmdletTwins
    {
        public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
        {
            ["Get-OctoHaTaskCapPlan"] = "plan task-cap",
            // Connect has no verb of its own: every `octoha node` verb takes --server/--api-key-file (or the
            // OCTOPUS_URL/OCTOPUS_API_KEY variables) and checks them on each call; `node list` is the cheapest check.
            ["Connect-OctoHaServer"] = "node list",
            ["Get-OctoHaNode"] = "node list",
            ["Set-OctoHaTaskCap"] = "node set-task-cap",
            ["Invoke-OctoHaDrain"] = "node drain",
            ["Resume-OctoHaNode"] = "node resume",
            ["Remove-OctoHaNode"] = "node remove",
            ["Test-OctoHaNode"] = "node ping",
            ["Copy-OctoHaBlobData"] = "blob copy",
            ["Get-OctoHaPollingTentacle"] = "tentacle show",
            ["Register-OctoHaPollingTentacle"] = "tentacle register",
            ["Unregister-OctoHaPollingTentacle"] = "tentacle prune",
            ["New-OctoHaSharedStorage"] = "storage new",
            ["Test-OctoHaSharedStorage"] = "storage test",
            ["Add-OctoHaNode"] = "node add",
            ["Test-OctoHaDatabase"] = "database test",
        };
    }
}
