using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OctoHa.Build.Help
{
    // Writes the help model as MAML (the *-help.xml Get-Help reads) and about topics as help.txt,
    // matching the shape platyPS's New-ExternalHelp gives.
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

        private const int ExampleTitleWidth = 64;
        private const int AboutWidth = 80;
        private const string AboutIndent = "    ";

        public static XDocument Write(IEnumerable<CommandHelp> commands)
        {
            if (commands == null) throw new ArgumentNullException(nameof(commands));
            return new XDocument(
                new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems",
                    new XAttribute("schema", "maml"),
                    commands.Select(CommandElement)));
        }

        private static XElement CommandElement(CommandHelp help)
        {
            int dash = help.Name.IndexOf('-');
            var verb = dash < 0 ? help.Name : help.Name.Substring(0, dash);
            var noun = dash < 0 ? string.Empty : help.Name.Substring(dash + 1);

            // Prefixes are declared on each command, as platyPS does, so a command node stands alone.
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", help.Name),
                    new XElement(Command + "verb", verb),
                    new XElement(Command + "noun", noun),
                    Description(help.Synopsis)),
                Description(help.Description),
                new XElement(Command + "syntax", SyntaxItems(help)),
                new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, inSyntax: false))),
                new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
                new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
                new XElement(Command + "examples", help.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", help.RelatedLinks.Select(Link)));
        }

        // One syntaxItem per parameter set: sets in SYNTAX order first, then any only named by parameters.
        // A cmdlet whose parameters are all "(All)" has one unnamed set.
        private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
        {
            var sets = new List<string>();
            void AddSet(string? name)
            {
                if (!string.IsNullOrEmpty(name) && name != ParameterHelp.AllParameterSets &&
                    !sets.Contains(name!, StringComparer.OrdinalIgnoreCase))
                    sets.Add(name!);
            }
            foreach (var block in help.Syntax) AddSet(block.ParameterSetName);
            foreach (var p in help.Parameters) p.ParameterSets.ForEach(AddSet);
            if (sets.Count == 0) sets.Add(ParameterHelp.AllParameterSets);

            foreach (var set in sets)
            {
                var members = help.Parameters
                    .Where(p => p.InAllSets || p.ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase))
                    .Select((p, index) => (p, index))
                    .OrderBy(x => PositionKey(x.p.Position)).ThenBy(x => x.index)
                    .Select(x => Parameter(x.p, inSyntax: true));
                yield return new XElement(Command + "syntaxItem", new XElement(Maml + "name", help.Name), members);
            }
        }

        // Positional parameters first, by position, as Get-Help lists them.
        private static int PositionKey(string position) =>
            int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

        private static XElement Parameter(ParameterHelp p, bool inSyntax)
        {
            var type = p.IsSwitch ? "SwitchParameter" : p.Type;
            string defaultValue = p.IsSwitch && (string.IsNullOrEmpty(p.DefaultValue) || p.DefaultValue == "None")
                ? "False"
                : p.DefaultValue ?? "None";

            return new XElement(Command + "parameter",
                new XAttribute("required", Bool(p.Required)),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", Bool(p.AcceptWildcardCharacters)),
                new XAttribute("pipelineInput", p.AcceptPipelineInput),
                new XAttribute("position", p.Position.ToLowerInvariant()),
                new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
                new XElement(Maml + "name", p.Name),
                Description(p.Description),
                inSyntax && p.AcceptedValues.Count > 0
                    ? new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                        new XElement(Command + "parameterValue",
                            new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                    : null,
                // platyPS leaves the value out of syntax for switches so Get-Help shows "[-Force]", not "[-Force <SwitchParameter>]".
                inSyntax && p.IsSwitch
                    ? null
                    : new XElement(Command + "parameterValue",
                        new XAttribute("required", Bool(!p.IsSwitch)),
                        new XAttribute("variableLength", "false"),
                        type),
                new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", defaultValue));
        }

        private static XElement TypeEntry(string elementName, TypeHelp t) =>
            new XElement(Command + elementName,
                new XElement(Dev + "type", new XElement(Maml + "name", t.TypeName)),
                Description(t.Description));

        private static XElement Example(ExampleHelp e) =>
            new XElement(Command + "example",
                new XElement(Maml + "title", PadExampleTitle(e.Title)),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paras(e.Remarks)));

        // Get-Help -Online and link display want an absolute URI; relative .md links keep only their text.
        private static XElement Link(RelatedLink link)
        {
            var uri = Uri.TryCreate(link.Uri, UriKind.Absolute, out _) ? link.Uri : string.Empty;
            return new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", link.Text),
                new XElement(Maml + "uri", uri));
        }

        // Centres the title in dashes to a 64-character rule, as platyPS does; long titles stay as they are.
        internal static string PadExampleTitle(string title)
        {
            title = title.Trim();
            if (title.Length == 0 || title.Length >= ExampleTitleWidth - 2) return title;
            var dashes = new string('-', (ExampleTitleWidth - title.Length - 2) / 2);
            return dashes + " " + title + " " + dashes;
        }

        private static XElement Description(string markdown) => new XElement(Maml + "description", Paras(markdown));

        private static IEnumerable<XElement> Paras(string markdown) =>
            MarkdownText.Blocks(markdown).Select(b => new XElement(Maml + "para", b.Text));

        private static string Bool(bool value) => value ? "true" : "false";

        // Renders an about topic the way PowerShell's about_*.help.txt files look:
        // upper-case section headers at column 0, text indented and wrapped to 80 columns.
        public static string WriteAboutText(AboutTopic topic)
        {
            if (topic == null) throw new ArgumentNullException(nameof(topic));
            var sb = new StringBuilder();
            sb.Append("TOPIC\n").Append(AboutIndent).Append(topic.Name).Append("\n\n");

            var blocks = MarkdownText.Blocks(topic.Text, keepHeadings: true);
            // platyPS's template puts sections at "#", hand-written topics often at "##": take the level of
            // SHORT DESCRIPTION as the section level, and anything deeper is a subtopic.
            int sectionLevel = blocks.FirstOrDefault(b => b.Kind == MarkdownText.Kind.Heading &&
                b.Text.Equals("SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase))?.Level ?? 2;

            foreach (var block in blocks)
            {
                // The template's "## about_Name" repeats the topic line written above.
                if (block.Kind == MarkdownText.Kind.Heading && block.Text.Equals(topic.Name, StringComparison.OrdinalIgnoreCase))
                    continue;
                switch (block.Kind)
                {
                    case MarkdownText.Kind.Heading when block.Level <= sectionLevel:
                        sb.Append(block.Text.ToUpperInvariant()).Append('\n');
                        continue;
                    case MarkdownText.Kind.Heading:
                        sb.Append("  ").Append(block.Text).Append('\n');
                        continue;
                    case MarkdownText.Kind.Code:
                    case MarkdownText.Kind.TableRow:
                        foreach (var line in block.Text.Split('\n'))
                            sb.Append(line.Length == 0 ? string.Empty : AboutIndent + line).Append('\n');
                        break;
                    case MarkdownText.Kind.ListItem:
                        Wrap(sb, block.Text, AboutIndent, AboutIndent + "  ");
                        break;
                    default:
                        Wrap(sb, block.Text, AboutIndent, AboutIndent);
                        break;
                }
                // Rows of one table and items of one list stay together; other blocks get a blank line after.
                bool grouped = block.Kind == MarkdownText.Kind.TableRow || block.Kind == MarkdownText.Kind.ListItem;
                if (!grouped || block.LastInRun) sb.Append('\n');
            }

            return sb.ToString().TrimEnd('\n') + "\n";
        }

        private static void Wrap(StringBuilder sb, string text, string firstIndent, string restIndent)
        {
            var line = new StringBuilder(firstIndent);
            bool lineHasWord = false;
            foreach (var word in text.Split(new[] { ' ', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (lineHasWord && line.Length + 1 + word.Length > AboutWidth)
                {
                    sb.Append(line).Append('\n');
                    line.Clear().Append(restIndent);
                    lineHasWord = false;
                }
                if (lineHasWord) line.Append(' ');
                line.Append(word);
                lineHasWord = true;
            }
            if (lineHasWord) sb.Append(line).Append('\n');
        }
    }
}
