using System;
using System.IO;
using System.Linq;
using OctoHa.Build.Help;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Contract
{
    /// <summary>Every cmdlet has platyPS help with a synopsis, a description, every parameter and an example.</summary>
    [Collection(PackagedModuleCollection.Name)]
    public sealed class HelpContractTests
    {
        private readonly PackagedModule _module;

        public HelpContractTests(PackagedModule module) => _module = module;

        [Fact]
        public void Every_cmdlet_has_complete_help()
        {
            var problems = new System.Collections.Generic.List<string>();
            foreach (var cmdlet in CmdletMetadata.Read(_module.CmdletAssembly("Core"), "Core"))
            {
                string file = Path.Combine(_module.Repo.HelpFolder, cmdlet.Name + ".md");
                if (!File.Exists(file)) { problems.Add($"{cmdlet.Name}: no docs/help/{cmdlet.Name}.md"); continue; }
                var help = PlatyPsMarkdownReader.Parse(File.ReadAllText(file), Path.GetFileName(file));
                if (help.Name != cmdlet.Name) problems.Add($"{cmdlet.Name}: the help's title is {help.Name}");
                if (string.IsNullOrWhiteSpace(help.Synopsis) || PlatyPsMarkdownReader.IsPlaceholder(help.Synopsis)) problems.Add($"{cmdlet.Name}: no synopsis");
                if (string.IsNullOrWhiteSpace(help.Description) || PlatyPsMarkdownReader.IsPlaceholder(help.Description)) problems.Add($"{cmdlet.Name}: no description");
                if (!help.Examples.Any(e => !string.IsNullOrWhiteSpace(e.Code) && e.Code.Contains(cmdlet.Name))) problems.Add($"{cmdlet.Name}: no example that runs it");
                var documented = help.Parameters.ToDictionary(p => p.Name.TrimStart('-'), StringComparer.OrdinalIgnoreCase);
                // SupportsShouldProcess adds WhatIf and Confirm, which help documents like any other parameter.
                var expected = cmdlet.Parameters.Concat(cmdlet.SupportsShouldProcess ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>());
                foreach (string parameter in expected)
                {
                    if (!documented.TryGetValue(parameter, out var p)) problems.Add($"{cmdlet.Name}: -{parameter} is not documented");
                    else if (string.IsNullOrWhiteSpace(p.Description) || PlatyPsMarkdownReader.IsPlaceholder(p.Description)) problems.Add($"{cmdlet.Name}: -{parameter} has no description");
                }
                foreach (string extra in documented.Keys.Except(expected, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{cmdlet.Name}: help documents -{extra}, which the cmdlet lacks");
                }
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void The_package_carries_MAML_for_every_cmdlet()
        {
            foreach (string edition in new[] { "Core", "Desktop" })
            {
                var maml = System.Xml.Linq.XDocument.Load(Path.Combine(_module.Folder, edition, "en-US", OctoHa.Build.HelpBuilder.MamlFileName));
                var names = maml.Descendants(MamlWriter.Command + "details").Select(d => d.Element(MamlWriter.Command + "name")!.Value).ToList();
                var cmdlets = CmdletMetadata.Read(_module.CmdletAssembly(edition), edition).Select(c => c.Name);
                Assert.Equal(cmdlets.OrderBy(n => n, StringComparer.Ordinal), names.OrderBy(n => n, StringComparer.Ordinal));
            }
            Assert.True(File.Exists(Path.Combine(_module.Folder, "en-US", "about_OctoHa.help.txt")));
        }
    }
}
