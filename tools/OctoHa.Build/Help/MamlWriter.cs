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

            foreach (var block in MarkdownText.Blocks(topic.Text, keepHeadings: true))
            {
                switch (block.Kind)
                {
                    case MarkdownText.Kind.Heading when block.Level <= 2:
                        // The template's "## about_Name" repeats the topic line written above.
                        if (block.Text.Equals(topic.Name, StringComparison.OrdinalIgnoreCase)) continue;
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

    // Turns a section's markdown into plain-text blocks: paragraphs joined onto one line,
    // list items, code and table rows kept line for line, inline markup removed.
    internal static class MarkdownText
    {
        internal enum Kind { Paragraph, ListItem, Code, TableRow, Heading }

        internal sealed class TextBlock
        {
            public Kind Kind;
            public int Level;
            public string Text = string.Empty;
            public bool LastInRun;
        }

        private static readonly Regex Fence = new Regex(@"^\s{0,3}(`{3,}|~{3,})");
        private static readonly Regex Heading = new Regex(@"^(#{1,6})[ \t]+(.*?)[ \t#]*$");
        private static readonly Regex ListMarker = new Regex(@"^\s{0,3}([-*+]|\d{1,3}[.)])[ \t]+(.*)$");
        private static readonly Regex CodeSpan = new Regex(@"(`+)(.+?)\1");
        private static readonly Regex Link = new Regex(@"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+""[^""]*"")?\)");
        private static readonly Regex AutoLink = new Regex(@"<((?:https?|ftp|mailto):[^>\s]+)>");
        private static readonly Regex Strong = new Regex(@"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)");
        private static readonly Regex Emphasis = new Regex(@"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)");
        private static readonly Regex Escape = new Regex(@"\\([\\`*_{}\[\]()#+\-.!<>|])");
        private static readonly Regex Stash = new Regex("\u0001(\\d+)\u0001");

        internal static List<TextBlock> Blocks(string markdown, bool keepHeadings = false)
        {
            var result = new List<TextBlock>();
            if (string.IsNullOrWhiteSpace(markdown)) return result;

            var lines = markdown.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var pending = new List<string>();
            Kind pendingKind = Kind.Paragraph;

            void Flush()
            {
                if (pending.Count > 0)
                    result.Add(new TextBlock { Kind = pendingKind, Text = Inline(string.Join(" ", pending)) });
                pending.Clear();
                pendingKind = Kind.Paragraph;
            }

            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd();
                var fence = Fence.Match(line);
                if (fence.Success)
                {
                    Flush();
                    var code = new List<string>();
                    var marker = fence.Groups[1].Value;
                    for (i++; i < lines.Length && !IsClosingFence(lines[i], marker); i++)
                        code.Add(lines[i].TrimEnd());
                    result.Add(new TextBlock { Kind = Kind.Code, Text = string.Join("\n", code) });
                    continue;
                }
                if (line.Trim().Length == 0) { Flush(); continue; }

                var heading = Heading.Match(line);
                if (heading.Success)
                {
                    Flush();
                    result.Add(new TextBlock
                    {
                        Kind = keepHeadings ? Kind.Heading : Kind.Paragraph,
                        Level = heading.Groups[1].Length,
                        Text = Inline(heading.Groups[2].Value),
                    });
                    continue;
                }
                if (line.TrimStart().StartsWith("|", StringComparison.Ordinal))
                {
                    Flush();
                    result.Add(new TextBlock { Kind = Kind.TableRow, Text = Inline(line.Trim()) });
                    continue;
                }
                var item = ListMarker.Match(line);
                if (item.Success)
                {
                    Flush();
                    pendingKind = Kind.ListItem;
                    var marker = char.IsDigit(item.Groups[1].Value[0]) ? item.Groups[1].Value : "-";
                    pending.Add(marker + " " + item.Groups[2].Value.Trim());
                    continue;
                }
                pending.Add(line.Trim());
            }
            Flush();

            for (int i = 0; i < result.Count; i++)
                result[i].LastInRun = i + 1 == result.Count || result[i + 1].Kind != result[i].Kind;
            return result;
        }

        private static bool IsClosingFence(string line, string marker)
        {
            var t = line.Trim();
            return t.Length >= marker.Length && t.Trim(marker[0]).Length == 0;
        }

        // Plain text for Get-Help: markup characters go, link targets stay readable as "text (uri)".
        internal static string Inline(string text)
        {
            // Code spans and backslash escapes are stashed first so their contents (e.g. $_.Name, *.txt, \*)
            // are not read as markup; they are put back at the end.
            var stash = new List<string>();
            string Keep(string literal) { stash.Add(literal); return "\u0001" + (stash.Count - 1) + "\u0001"; }
            text = CodeSpan.Replace(text, m => Keep(m.Groups[2].Value.Trim()));
            text = Escape.Replace(text, m => Keep(m.Groups[1].Value));
            text = Link.Replace(text, m =>
            {
                var label = m.Groups[1].Value;
                var uri = m.Groups[2].Value;
                return Uri.TryCreate(uri, UriKind.Absolute, out _) && label != uri ? label + " (" + uri + ")" : label;
            });
            text = AutoLink.Replace(text, "$1");
            text = Strong.Replace(text, m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            text = Emphasis.Replace(text, m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            return Stash.Replace(text, m => stash[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]);
        }
    }
}
