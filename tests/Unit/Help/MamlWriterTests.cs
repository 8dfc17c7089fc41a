using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using OctoHa.Build.Help;
using Xunit;

namespace OctoHa.Tests.Help
{
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static CommandHelp Load(string name) =>
            PlatyPsMarkdownReader.Parse(PlatyPsMarkdownReaderTests.Fixture(name), name);

        private static XElement TaskCapCommand() =>
            MamlWriter.Write(new[] { Load("Get-OctoHaTaskCap.md") }).Root!.Element(Cmd + "command")!;

        private static string[] Paras(XElement? parent) =>
            parent!.Elements(Maml + "para").Select(p => p.Value).ToArray();

        private static XElement Param(XElement parent, string name) =>
            parent.Elements(Cmd + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

        [Fact]
        public void Write_UsesMamlRootAndPowerShellNamespaces()
        {
            var doc = MamlWriter.Write(new[] { Load("Get-OctoHaTaskCap.md") });
            var command = doc.Root!.Element(Cmd + "command")!;

            Assert.Equal(Msh + "helpItems", doc.Root.Name);
            Assert.Equal("maml", (string?)doc.Root.Attribute("schema"));
            Assert.Equal("http://schemas.microsoft.com/maml/2004/10", command.GetNamespaceOfPrefix("maml")!.NamespaceName);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", command.GetNamespaceOfPrefix("command")!.NamespaceName);
            Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", command.GetNamespaceOfPrefix("dev")!.NamespaceName);
            Assert.Equal("http://msdn.microsoft.com/mshelp", command.GetNamespaceOfPrefix("MSHelp")!.NamespaceName);

            var xml = doc.ToString();
            Assert.StartsWith("<helpItems schema=\"maml\" xmlns=\"http://msh\">", xml);
            Assert.Contains("<command:command xmlns:maml=", xml);
        }

        [Fact]
        public void Write_DetailsHaveNameVerbNounAndPlainSynopsis()
        {
            var details = TaskCapCommand().Element(Cmd + "details")!;

            Assert.Equal("Get-OctoHaTaskCap", details.Element(Cmd + "name")!.Value);
            Assert.Equal("Get", details.Element(Cmd + "verb")!.Value);
            Assert.Equal("OctoHaTaskCap", details.Element(Cmd + "noun")!.Value);
            Assert.Equal(new[] { "Gets the task cap plan for one or more OctoHa hosts." }, Paras(details.Element(Maml + "description")));
        }

        [Fact]
        public void Write_DescriptionHasOneParaPerParagraph()
        {
            var paras = Paras(TaskCapCommand().Element(Maml + "description"));

            Assert.Equal(new[]
            {
                "The Get-OctoHaTaskCap cmdlet computes how many tasks each host can run at once. It reads the sizing tables and returns one plan per host.",
                "Use the Force parameter to recompute a plan that was cached. See the sizing guide (https://example.org/octoha/sizing) for the tables.",
            }, paras);
        }

        [Fact]
        public void Write_OneSyntaxItemPerParameterSet()
        {
            var items = TaskCapCommand().Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem").ToList();

            Assert.Equal(2, items.Count);
            Assert.All(items, i => Assert.Equal("Get-OctoHaTaskCap", i.Element(Maml + "name")!.Value));
            string[] Names(XElement item) => item.Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray();
            Assert.Equal(new[] { "Name", "Force", "Unit" }, Names(items[0]));   // positional first, then markdown order
            Assert.Equal(new[] { "Force", "InputObject", "Unit" }, Names(items[1]));
        }

        [Fact]
        public void Write_SyntaxLeavesOutSwitchValueAndListsAcceptedValues()
        {
            var byName = TaskCapCommand().Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem").First();

            Assert.Null(Param(byName, "Force").Element(Cmd + "parameterValue"));
            Assert.Equal("String[]", Param(byName, "Name").Element(Cmd + "parameterValue")!.Value);
            var group = Param(byName, "Unit").Element(Cmd + "parameterValueGroup")!;
            Assert.Equal(new[] { "Tasks", "Cores" }, group.Elements(Cmd + "parameterValue").Select(v => v.Value));
        }

        [Fact]
        public void Write_AllSetParametersGiveOneSyntaxItem()
        {
            var command = MamlWriter.Write(new[] { Load("Get-OctoHaVersion.md") }).Root!.Element(Cmd + "command")!;

            var item = Assert.Single(command.Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem"));
            Assert.Equal("Detailed", Assert.Single(item.Elements(Cmd + "parameter")).Element(Maml + "name")!.Value);
        }

        [Fact]
        public void Write_ParametersCarryEveryAttributeAndValue()
        {
            var parameters = TaskCapCommand().Element(Cmd + "parameters")!;
            Assert.Equal(new[] { "Force", "InputObject", "Name", "Unit" },
                parameters.Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value));

            var name = Param(parameters, "Name");
            Assert.Equal("true", (string?)name.Attribute("required"));
            Assert.Equal("true", (string?)name.Attribute("variableLength"));
            Assert.Equal("true", (string?)name.Attribute("globbing"));
            Assert.Equal("True (ByPropertyName)", (string?)name.Attribute("pipelineInput"));
            Assert.Equal("0", (string?)name.Attribute("position"));
            Assert.Equal("HostName, CN", (string?)name.Attribute("aliases"));
            Assert.Equal(new[] { "Specifies the host names. Wildcards are permitted." }, Paras(name.Element(Maml + "description")));
            var value = name.Element(Cmd + "parameterValue")!;
            Assert.Equal("true", (string?)value.Attribute("required"));
            Assert.Equal("String[]", value.Value);
            Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);

            var force = Param(parameters, "Force");
            Assert.Equal("false", (string?)force.Attribute("required"));
            Assert.Equal("named", (string?)force.Attribute("position"));
            Assert.Equal("none", (string?)force.Attribute("aliases"));
            Assert.Equal("False", (string?)force.Attribute("pipelineInput"));
            Assert.Equal("SwitchParameter", force.Element(Cmd + "parameterValue")!.Value);
            Assert.Equal("False", force.Element(Dev + "defaultValue")!.Value);

            Assert.Equal("Tasks", Param(parameters, "Unit").Element(Dev + "defaultValue")!.Value);
            Assert.Equal("True (ByValue)", (string?)Param(parameters, "InputObject").Attribute("pipelineInput"));
        }

        [Fact]
        public void Write_InputsOutputsAndNotes()
        {
            var command = TaskCapCommand();

            var inputs = command.Element(Cmd + "inputTypes")!.Elements(Cmd + "inputType").ToList();
            Assert.Equal(new[] { "System.String[]", "OctoHa.Planning.TaskCapPlanRequest" },
                inputs.Select(i => i.Element(Dev + "type")!.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "You can pipe host names to this cmdlet." }, Paras(inputs[0].Element(Maml + "description")));

            var output = Assert.Single(command.Element(Cmd + "returnValues")!.Elements(Cmd + "returnValue"));
            Assert.Equal("OctoHa.Planning.TaskCapPlan", output.Element(Dev + "type")!.Element(Maml + "name")!.Value);

            Assert.Equal(new[] { "Plans are cached for the session." },
                Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
        }

        [Fact]
        public void Write_ExamplesHavePaddedTitleCodeAndRemarks()
        {
            var examples = TaskCapCommand().Element(Cmd + "examples")!.Elements(Cmd + "example").ToList();

            Assert.Equal(2, examples.Count);
            var title = examples[0].Element(Maml + "title")!.Value;
            Assert.Equal("------------- Example 1: Get the cap for one host -------------", title);
            Assert.Equal("PS C:\\> Get-OctoHaTaskCap -Name 'web01'", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal(new[] { "This command gets the task cap plan for the host web01." }, Paras(examples[0].Element(Dev + "remarks")));

            Assert.Contains("$requests | Get-OctoHaTaskCap -Unit Cores", examples[1].Element(Dev + "code")!.Value);
            Assert.Equal(new[] { "The first command builds requests from a CSV file.", "The second command pipes them to Get-OctoHaTaskCap." },
                Paras(examples[1].Element(Dev + "remarks")));
        }

        [Fact]
        public void Write_ShortExampleTitleGetsPlatyPsRule()
        {
            var command = MamlWriter.Write(new[] { Load("Get-OctoHaVersion.md") }).Root!.Element(Cmd + "command")!;

            var title = command.Element(Cmd + "examples")!.Element(Cmd + "example")!.Element(Maml + "title")!.Value;
            Assert.Equal("-------------------------- Example 1 --------------------------", title);
        }

        [Fact]
        public void Write_RelatedLinksKeepOnlyAbsoluteUris()
        {
            var links = TaskCapCommand().Element(Cmd + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (l.Element(Maml + "linkText")!.Value, l.Element(Maml + "uri")!.Value)).ToList();

            Assert.Equal(new[]
            {
                ("Online Version:", "https://example.org/octoha/Get-OctoHaTaskCap"),
                ("New-OctoHaTaskCapRequest", ""),
                ("about_OctoHa", ""),
            }, links);
        }

        [Fact]
        public void Write_StripsInlineMarkupButNotCode()
        {
            var help = PlatyPsMarkdownReader.Parse(
                "# Get-Thing\n\n## SYNOPSIS\nx\n\n## DESCRIPTION\n" +
                "Use `$_.Name` with **bold**, __strong__, *italic*, _em_ and about_Some_Topic.\n" +
                "Escaped \\*stars\\* and `*.txt` stay; 2 * 3 * 4 too.\n\n" +
                "- first item\n- second `item`\n\n" +
                "```\nGet-Thing | Where-Object { $_.Name -like '*x*' }\n```\n\n" +
                "    Get-Thing   -Name **x**\n\n" +
                "## EXAMPLES\n\n### Example 1\n```powershell\nGet-Thing **not bold**\n```\n", "t.md");

            var command = MamlWriter.Write(new[] { help }).Root!.Element(Cmd + "command")!;

            Assert.Equal(new[]
            {
                "Use $_.Name with bold, strong, italic, em and about_Some_Topic. Escaped *stars* and *.txt stay; 2 * 3 * 4 too.",
                "- first item",
                "- second item",
                "Get-Thing | Where-Object { $_.Name -like '*x*' }",
                "Get-Thing   -Name **x**",
            }, Paras(command.Element(Maml + "description")));
            Assert.Equal("Get-Thing **not bold**", command.Descendants(Dev + "code").Single().Value);
        }

        [Fact]
        public void Write_OutputIsWellFormedAndRoundTrips()
        {
            var doc = MamlWriter.Write(new[] { Load("Get-OctoHaTaskCap.md"), Load("Get-OctoHaVersion.md") });

            var sb = new StringBuilder();
            using (var writer = new StringWriter(sb)) doc.Save(writer);
            var text = sb.ToString();
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-16\"?>", text);

            // A strict reader walks the whole document, as Get-Help's loader would.
            using (var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
                while (reader.Read()) { }

            var reparsed = XDocument.Parse(text);
            Assert.Equal(doc.ToString(), reparsed.ToString());
            Assert.Equal(2, reparsed.Root!.Elements(Cmd + "command").Count());
        }

        [Fact]
        public void WriteAboutText_RendersHelpTxtLayout()
        {
            var topic = PlatyPsMarkdownReader.ParseAbout(PlatyPsMarkdownReaderTests.Fixture("about_OctoHa.md"), "about_OctoHa.md");

            var text = MamlWriter.WriteAboutText(topic);
            var lines = text.Split('\n');

            Assert.StartsWith("TOPIC\n    about_OctoHa\n\nSHORT DESCRIPTION\n    Explains how OctoHa plans task caps for hosts.\n\nLONG DESCRIPTION\n    OctoHa is", text);
            Assert.DoesNotContain("#", text);
            Assert.DoesNotContain("**", text);
            Assert.All(lines, l => Assert.True(l.Length <= 80, l));
            Assert.Contains("    The cmdlets are:\n\n    - Get-OctoHaTaskCap: gets a plan.\n    - Get-OctoHaVersion: gets the version.\n\n", text);
            Assert.Contains("    Each cmdlet has a twin in the octoha tool:\n\n    Get-OctoHaTaskCap      octoha plan task-cap\n\n  Caching\n", text);
            Assert.Contains("\nEXAMPLES\n    Get-OctoHaTaskCap -Name web01\n", text);
            Assert.Contains("\nSEE ALSO\n", text);
            Assert.EndsWith("    - TaskCap\n", text);
            Assert.Equal(1, lines.Count(l => l.Contains("about_OctoHa")));
        }

        [Fact]
        public void WriteAboutText_TemplateLayoutUsesLookupNameAndSubtopics()
        {
            var topic = PlatyPsMarkdownReader.ParseAbout(PlatyPsMarkdownReaderTests.Fixture("about_OctoHaPlanning.md"), "about_OctoHaPlanning.md");

            var text = MamlWriter.WriteAboutText(topic);

            Assert.Equal(
                "TOPIC\n    about_OctoHaPlanning\n\n" +
                "SHORT DESCRIPTION\n    Describes how OctoHa sizes task caps.\n\n" +
                "LONG DESCRIPTION\n    OctoHa reads sizing tables and turns them into a cap per host.\n\n" +
                "  Sizing tables\n    Each table maps a host class to a number of cores.\n\n" +
                "SEE ALSO\n    about_OctoHa\n", text);
        }
    }
}
