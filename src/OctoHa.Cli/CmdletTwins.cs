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
        };
    }
}
