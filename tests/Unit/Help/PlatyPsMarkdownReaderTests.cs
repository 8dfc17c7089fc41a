using System;
using System.IO;
using System.Linq;
using OctoHa.Build.Help;
using Xunit;

namespace OctoHa.Tests.Help
{
    public class PlatyPsMarkdownReaderTests
    {
        internal static string Fixture(string name) =>
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Help", "Fixtures", name));

        private static CommandHelp TaskCap() => PlatyPsMarkdownReader.Parse(Fixture("Get-OctoHaTaskCap.md"), "Get-OctoHaTaskCap.md");

        // The smallest file the reader accepts: a title and a synopsis.
        private const string Minimal = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n";

        [Fact]
        public void Parse_ReadsTitleSynopsisDescriptionAndFrontMatter()
        {
            var help = TaskCap();

            Assert.Equal("Get-OctoHaTaskCap", help.Name);
            Assert.Equal("Get-OctoHaTaskCap.md", help.SourceName);
            Assert.Equal("Gets the **task cap** plan for one or more `OctoHa` hosts.", help.Synopsis);
            Assert.StartsWith("The `Get-OctoHaTaskCap` cmdlet computes", help.Description);
            Assert.Contains("\n\nUse the *Force* parameter", help.Description);
            Assert.Equal("2.0.0", help.Metadata["schema"]);
            Assert.Equal("OctoHa", help.Metadata["Module Name"]);
            Assert.Equal("Plans are cached for the session.", help.Notes);
        }

        [Fact]
        public void Parse_ReadsSyntaxBlocksWithTheirParameterSets()
        {
            var help = TaskCap();

            Assert.Equal(2, help.Syntax.Count);
            Assert.Equal("ByName", help.Syntax[0].ParameterSetName);
            Assert.True(help.Syntax[0].IsDefault);
            Assert.StartsWith("Get-OctoHaTaskCap [-Name] <String[]>", help.Syntax[0].Text);
            Assert.Equal("ByPlan", help.Syntax[1].ParameterSetName);
            Assert.False(help.Syntax[1].IsDefault);
        }

        [Fact]
        public void Parse_ReadsExamplesWithCodeAndRemarks()
        {
            var help = TaskCap();

            Assert.Equal(2, help.Examples.Count);
            var first = help.Examples[0];
            Assert.Equal("Example 1: Get the cap for one host", first.Title);
            Assert.Equal("PS C:\\> Get-OctoHaTaskCap -Name 'web01'", first.Code);
            Assert.Equal("This command gets the task cap plan for the host web01.", first.Remarks);

            var second = help.Examples[1];
            Assert.Equal(2, second.Code.Split('\n').Length);
            Assert.Equal("The first command builds requests from a CSV file.\n\nThe second command pipes them to `Get-OctoHaTaskCap`.", second.Remarks);
        }

        [Fact]
        public void Parse_ReadsEveryParameterAndSkipsCommonParameters()
        {
            var help = TaskCap();

            Assert.Equal(new[] { "Force", "InputObject", "Name", "Unit" }, help.Parameters.Select(p => p.Name));
            Assert.True(help.SupportsCommonParameters);

            var name = help.Parameters.Single(p => p.Name == "Name");
            Assert.Equal("Specifies the host names.\nWildcards are permitted.", name.Description);
            Assert.Equal("String[]", name.Type);
            Assert.Equal(new[] { "ByName" }, name.ParameterSets);
            Assert.Equal(new[] { "HostName", "CN" }, name.Aliases);
            Assert.True(name.Required);
            Assert.Equal("0", name.Position);
            Assert.Equal("None", name.DefaultValue);
            Assert.Equal("True (ByPropertyName)", name.AcceptPipelineInput);
            Assert.True(name.AcceptWildcardCharacters);

            var force = help.Parameters.Single(p => p.Name == "Force");
            Assert.True(force.IsSwitch);
            Assert.True(force.InAllSets);
            Assert.Empty(force.Aliases);
            Assert.False(force.Required);
            Assert.Equal("Named", force.Position);
            Assert.Equal("False", force.AcceptPipelineInput);

            var unit = help.Parameters.Single(p => p.Name == "Unit");
            Assert.Equal(new[] { "Tasks", "Cores" }, unit.AcceptedValues);
            Assert.Equal("Tasks", unit.DefaultValue);
        }

        [Fact]
        public void Parse_ReadsInputsOutputsAndRelatedLinks()
        {
            var help = TaskCap();

            Assert.Equal(new[] { "System.String[]", "OctoHa.Planning.TaskCapPlanRequest" }, help.Inputs.Select(i => i.TypeName));
            Assert.Equal("You can pipe host names to this cmdlet.", help.Inputs[0].Description);
            Assert.Equal(string.Empty, help.Inputs[1].Description);
            Assert.Equal("OctoHa.Planning.TaskCapPlan", Assert.Single(help.Outputs).TypeName);

            Assert.Equal(3, help.RelatedLinks.Count);
            Assert.Equal("Online Version:", help.RelatedLinks[0].Text);
            Assert.Equal("https://example.org/octoha/Get-OctoHaTaskCap", help.RelatedLinks[0].Uri);
            Assert.Equal("New-OctoHaTaskCapRequest.md", help.RelatedLinks[1].Uri);
            Assert.Equal("about_OctoHa", help.RelatedLinks[2].Text);
            Assert.Equal(string.Empty, help.RelatedLinks[2].Uri);
        }

        [Fact]
        public void Parse_SyntaxWithoutSetHeadingHasNoSetName()
        {
            var help = PlatyPsMarkdownReader.Parse(Fixture("Get-OctoHaVersion.md"), "Get-OctoHaVersion.md");

            var syntax = Assert.Single(help.Syntax);
            Assert.Null(syntax.ParameterSetName);
            Assert.Equal("Get-OctoHaVersion [-Detailed] [<CommonParameters>]", syntax.Text);
            Assert.Equal("None", Assert.Single(help.Inputs).TypeName);
            Assert.Empty(help.RelatedLinks);
            Assert.Equal(string.Empty, help.Notes);
        }

        [Fact]
        public void Parse_CrlfAndTrailingSpacesParseLikeLf()
        {
            var lf = Fixture("Get-OctoHaTaskCap.md").Replace("\r\n", "\n");
            var crlf = string.Join("\r\n", lf.Split('\n').Select(l => l + "  "));

            var a = PlatyPsMarkdownReader.Parse(lf, "a.md");
            var b = PlatyPsMarkdownReader.Parse(crlf, "a.md");

            Assert.Equal(a.Synopsis, b.Synopsis);
            Assert.Equal(a.Description, b.Description);
            Assert.Equal(a.Examples.Select(e => e.Code + "|" + e.Remarks), b.Examples.Select(e => e.Code + "|" + e.Remarks));
            Assert.Equal(a.Parameters.Select(p => p.Name + p.Type + p.Position + p.AcceptPipelineInput),
                         b.Parameters.Select(p => p.Name + p.Type + p.Position + p.AcceptPipelineInput));
            Assert.Equal(MamlWriter.Write(new[] { a }).ToString(), MamlWriter.Write(new[] { b }).ToString());
        }

        [Fact]
        public void Parse_MinimalFileWithoutOptionalSections()
        {
            var help = PlatyPsMarkdownReader.Parse(Minimal, "min.md");

            Assert.Equal("Get-Thing", help.Name);
            Assert.Equal("Gets a thing.", help.Synopsis);
            Assert.Empty(help.Parameters);
            Assert.Empty(help.Examples);
            Assert.Empty(help.Syntax);
        }

        [Fact]
        public void Parse_MissingSynopsis_NamesFileAndTitleLine()
        {
            var markdown = Fixture("Get-OctoHaTaskCap.md").Replace("\r\n", "\n")
                .Replace("## SYNOPSIS\nGets the **task cap** plan for one or more `OctoHa` hosts.\n\n", string.Empty);

            var ex = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(markdown, "docs/help/Get-OctoHaTaskCap.md"));

            Assert.Equal("docs/help/Get-OctoHaTaskCap.md", ex.SourceName);
            Assert.Equal(8, ex.LineNumber); // "# Get-OctoHaTaskCap" after six lines of front matter and a blank
            Assert.StartsWith("docs/help/Get-OctoHaTaskCap.md:8:", ex.Message);
            Assert.Contains("SYNOPSIS", ex.Message);
        }

        [Fact]
        public void Parse_EmptySynopsisFails()
        {
            var ex = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse("# Get-Thing\n\n## SYNOPSIS\n\n## DESCRIPTION\nx\n", "t.md"));
            Assert.Equal(3, ex.LineNumber);
        }

        [Theory]
        [InlineData("", 1)]
        [InlineData("Some text\n# Get-Thing\n", 1)]
        [InlineData("---\nschema: 2.0.0\n---\n\n## SYNOPSIS\nx\n", 5)]
        public void Parse_MissingTitleFails(string markdown, int line)
        {
            var ex = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(markdown, "t.md"));
            Assert.Equal(line, ex.LineNumber);
            Assert.Contains("title", ex.Message);
        }

        [Fact]
        public void Parse_ParameterWithoutYamlFails()
        {
            var markdown = Minimal + "\n## PARAMETERS\n\n### -Name\nThe name.\n\n### CommonParameters\nx\n";

            var ex = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(markdown, "t.md"));

            Assert.Equal(8, ex.LineNumber);
            Assert.Contains("-Name", ex.Message);
            Assert.Contains("yaml", ex.Message);
        }

        [Theory]
        [InlineData("Type String", 10, "malformed")]
        [InlineData("Type: String\nColour: Blue", 11, "unknown yaml key 'Colour'")]
        [InlineData("Type: String\nType: Int32", 11, "twice")]
        [InlineData("Type: String\nRequired: Maybe", 9, "True or False")]
        [InlineData("Type: String\nPosition: First", 9, "Position")]
        [InlineData("Parameter Sets: (All)", 9, "Type")]
        public void Parse_MalformedYamlFailsAtTheLine(string yaml, int line, string problem)
        {
            var markdown = Minimal + "\n## PARAMETERS\n\n### -Name\n```yaml\n" + yaml + "\n```\n";

            var ex = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(markdown, "t.md"));

            Assert.Equal(line, ex.LineNumber);
            Assert.Contains(problem, ex.Message);
            Assert.Contains("-Name", ex.Message);
        }

        [Fact]
        public void Parse_UnclosedFenceFails()
        {
            var ex = Assert.Throws<HelpFormatException>(() =>
                PlatyPsMarkdownReader.Parse(Minimal + "\n## EXAMPLES\n\n### Example 1\n```powershell\nGet-Thing\n", "t.md"));
            Assert.Equal(9, ex.LineNumber);
            Assert.Contains("never closed", ex.Message);
        }

        [Fact]
        public void Parse_ExampleWithoutCodeFails()
        {
            var ex = Assert.Throws<HelpFormatException>(() =>
                PlatyPsMarkdownReader.Parse(Minimal + "\n## EXAMPLES\n\n### Example 1\nJust words.\n", "t.md"));
            Assert.Equal(8, ex.LineNumber);
        }

        [Fact]
        public void Parse_UnknownOrRepeatedSectionFails()
        {
            var unknown = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(Minimal + "\n## SYNOPSYS\nx\n", "t.md"));
            Assert.Equal(6, unknown.LineNumber);

            var twice = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.Parse(Minimal + "\n## SYNOPSIS\nx\n", "t.md"));
            Assert.Contains("twice", twice.Message);
        }

        [Fact]
        public void Parse_LaterYamlBlocksAddParameterSets()
        {
            var markdown = Minimal + "\n## PARAMETERS\n\n### -Path\nThe path.\n\n" +
                "```yaml\nType: String\nParameter Sets: A\nRequired: True\nPosition: 0\n```\n\n" +
                "```yaml\nType: String\nParameter Sets: B\nRequired: False\nPosition: Named\n```\n";

            var p = Assert.Single(PlatyPsMarkdownReader.Parse(markdown, "t.md").Parameters);

            Assert.Equal(new[] { "A", "B" }, p.ParameterSets);
            Assert.True(p.Required);
            Assert.Equal("0", p.Position);
            Assert.Equal("The path.", p.Description);
        }

        [Theory]
        [InlineData("{{ Fill in the Synopsis }}", true)]
        [InlineData("{{Fill Name Description}}", true)]
        [InlineData("Text before {{ Add example code here }} and after", true)]
        [InlineData("ABOUT TOPIC NOTE:\nThe first header", true)]
        [InlineData("PS C:\\> '{{0}}' -f 1", false)]
        [InlineData("Gets a thing.", false)]
        [InlineData("", false)]
        [InlineData(null, false)]
        public void IsPlaceholder_SpotsUnfilledTemplateText(string? text, bool expected)
        {
            Assert.Equal(expected, PlatyPsMarkdownReader.IsPlaceholder(text));
        }

        [Fact]
        public void ParseAbout_ReadsNameShortDescriptionAndBody()
        {
            var topic = PlatyPsMarkdownReader.ParseAbout(Fixture("about_OctoHa.md"), "about_OctoHa.md");

            Assert.Equal("about_OctoHa", topic.Name);
            Assert.Equal("Explains how OctoHa plans task caps for hosts.", topic.ShortDescription);
            Assert.StartsWith("## about_OctoHa", topic.Text);
            Assert.Contains("## LONG DESCRIPTION", topic.Text);
        }

        [Fact]
        public void ParseAbout_ReadsPlatyPsTemplateLayout()
        {
            var topic = PlatyPsMarkdownReader.ParseAbout(Fixture("about_OctoHaPlanning.md"), "about_OctoHaPlanning.md");

            Assert.Equal("about_OctoHaPlanning", topic.Name);
            Assert.Equal("Describes how OctoHa sizes task caps.", topic.ShortDescription);
        }

        [Fact]
        public void ParseAbout_UnfilledTemplateParsesAndIsFlagged()
        {
            var markdown = "# Thing\n## about_Thing\n\n```\nABOUT TOPIC NOTE:\nExplains the headers.\n```\n\n" +
                "# SHORT DESCRIPTION\n{{ Short Description Placeholder }}\n\n# LONG DESCRIPTION\n{{ Long Description Placeholder }}\n";

            var topic = PlatyPsMarkdownReader.ParseAbout(markdown, "about_Thing.md");

            Assert.Equal("about_Thing", topic.Name);
            Assert.True(PlatyPsMarkdownReader.IsPlaceholder(topic.ShortDescription));
            Assert.True(PlatyPsMarkdownReader.IsPlaceholder(topic.Text));
        }

        [Fact]
        public void ParseAbout_RequiresAboutTitleAndShortDescription()
        {
            var notAbout = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.ParseAbout("# OctoHa\n\n## SHORT DESCRIPTION\nx\n", "a.md"));
            Assert.Equal(1, notAbout.LineNumber);

            var noShort = Assert.Throws<HelpFormatException>(() => PlatyPsMarkdownReader.ParseAbout("\n# about_X\n\n## LONG DESCRIPTION\nx\n", "a.md"));
            Assert.Equal(2, noShort.LineNumber);
            Assert.Contains("SHORT DESCRIPTION", noShort.Message);
        }
    }
}
