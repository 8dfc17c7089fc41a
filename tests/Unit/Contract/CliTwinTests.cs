using System;
using System.IO;
using System.Linq;
using OctoHa.Cli;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Contract
{
    /// <summary>Every cmdlet has a CLI twin, named in one map, and every twin exists in the `octoha` tree.</summary>
    [Collection(PackagedModuleCollection.Name)]
    public sealed class CliTwinTests
    {
        private readonly PackagedModule _module;

        public CliTwinTests(PackagedModule module) => _module = module;

        [Fact]
        public void The_twin_map_names_exactly_the_modules_cmdlets()
        {
            var cmdlets = CmdletMetadata.Read(_module.CmdletAssembly("Core"), "Core").Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(cmdlets, CmdletTwins.Map.Keys.OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Every_twin_is_a_command_of_the_CLI()
        {
            var paths = CliApp.CommandPaths(CliApp.BuildRootCommand(new CliContext(TextWriter.Null, TextWriter.Null)));
            var missing = CmdletTwins.Map.Where(p => !paths.Contains(p.Value)).Select(p => $"{p.Key} -> octoha {p.Value}").ToList();
            Assert.True(missing.Count == 0, "Twins missing from the CLI: " + string.Join(", ", missing));
        }
    }
}
