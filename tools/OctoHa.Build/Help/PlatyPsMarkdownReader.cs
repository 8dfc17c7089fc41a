using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace OctoHa.Build.Help
{
    // Reads platyPS v1 (schema 2.0.0) cmdlet markdown and about_ topics into the help model.
    // Line-based on purpose: the format is a fixed heading skeleton, so a full markdown parser buys nothing.
    public static class PlatyPsMarkdownReader
    {
        private static readonly Regex HeadingPattern = new Regex(@"^(#{1,6})[ \t]+(.*?)[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex FencePattern = new Regex(@"^ {0,3}(`{3,}|~{3,})[ \t]*([^`]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex YamlLinePattern = new Regex(@"^([A-Za-z][A-Za-z ]*?)[ \t]*:(?:[ \t]+(.*))?$", RegexOptions.CultureInvariant);
        private static readonly Regex LinkPattern = new Regex(@"\[([^\]]*)\]\(([^)]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex PlaceholderPattern = new Regex(@"\{\{\s*[A-Za-z][^{}]*\}\}|ABOUT TOPIC NOTE", RegexOptions.CultureInvariant);
        private static readonly Regex BooleanLead = new Regex(@"^(true|false)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly string[] KnownYamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position",
            "Default value", "Accept pipeline input", "Accept wildcard characters", "Applicable",
        };

        private const string DefaultSetSuffix = " (Default)";

        public static CommandHelp Parse(string markdown, string sourceName)
        {
            if (markdown == null) throw new ArgumentNullException(nameof(markdown));
            var doc = new Document(markdown, sourceName);
            var help = new CommandHelp { SourceName = sourceName };
            foreach (var pair in doc.FrontMatter) help.Metadata[pair.Key] = pair.Value;

            var title = doc.RequireTitle("'# Cmdlet-Name' title");
            help.Name = title.Text;

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var section in doc.Sections(title))
            {
                var name = section.Heading.Text.ToUpperInvariant();
                if (!seen.Add(name))
                    throw doc.Error(section.Heading.Line, $"section '## {section.Heading.Text}' appears twice");

                switch (name)
                {
                    case "SYNOPSIS":
                        help.Synopsis = JoinText(section.Body);
                        if (help.Synopsis.Length == 0)
                            throw doc.Error(section.Heading.Line, "'## SYNOPSIS' is empty");
                        break;
                    case "SYNTAX": ReadSyntax(section.Body, help); break;
                    case "DESCRIPTION": help.Description = JoinText(section.Body); break;
                    case "EXAMPLES": ReadExamples(doc, section, help); break;
                    case "PARAMETERS": ReadParameters(doc, section, help); break;
                    case "INPUTS": ReadTypes(doc, section, help.Inputs); break;
                    case "OUTPUTS": ReadTypes(doc, section, help.Outputs); break;
                    case "NOTES": help.Notes = JoinText(section.Body); break;
                    case "RELATED LINKS": ReadLinks(section.Body, help); break;
                    default:
                        throw doc.Error(section.Heading.Line, $"unknown section '## {section.Heading.Text}' (platyPS v1 has SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS)");
                }
            }

            if (!seen.Contains("SYNOPSIS"))
                throw doc.Error(title.Line, $"'# {help.Name}' has no '## SYNOPSIS' section");
            return help;
        }

        // Accepts both layouts seen in the wild: platyPS's template ("# Display Name", "## about_Name",
        // "# SHORT DESCRIPTION", ...) and the all-"##" one ("# about_Name", "## SHORT DESCRIPTION", ...).
        public static AboutTopic ParseAbout(string markdown, string sourceName)
        {
            if (markdown == null) throw new ArgumentNullException(nameof(markdown));
            var doc = new Document(markdown, sourceName);
            var title = doc.RequireTitle("'# about_Name' title");
            var after = doc.Blocks.SkipWhile(b => b != title).Skip(1).ToList();
            var headings = after.Where(b => b.Kind == BlockKind.Heading).ToList();

            // The lookup name is what Get-Help finds the topic by: the template's "## about_Name" line, else the title.
            var lookup = headings.FirstOrDefault();
            string name;
            if (lookup != null && lookup.Level == 2 && lookup.Text.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                name = lookup.Text;
            else if (title.Text.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                name = title.Text;
            else
                throw doc.Error(title.Line, $"about topic '{title.Text}' needs an 'about_' title or a '## about_Name' line under it");
            if (name.Any(char.IsWhiteSpace))
                throw doc.Error(lookup != null && lookup.Text == name ? lookup.Line : title.Line, $"about topic name '{name}' must not contain spaces");

            var shortHeading = headings.FirstOrDefault(h => h.Level <= 2 &&
                string.Equals(h.Text, "SHORT DESCRIPTION", StringComparison.OrdinalIgnoreCase));
            if (shortHeading == null)
                throw doc.Error(title.Line, $"'# {title.Text}' has no 'SHORT DESCRIPTION' section");
            var shortBody = after.SkipWhile(b => b != shortHeading).Skip(1)
                .TakeWhile(b => !(b.Kind == BlockKind.Heading && b.Level <= shortHeading.Level));

            var topic = new AboutTopic { SourceName = sourceName, Name = name, Text = JoinText(after) };
            topic.ShortDescription = JoinText(shortBody);
            if (topic.ShortDescription.Length == 0)
                throw doc.Error(shortHeading.Line, "'SHORT DESCRIPTION' is empty");
            return topic;
        }

        // Spots platyPS's unfilled template text ("{{ Fill in the Synopsis }}", "{{ Fill Name Description }}",
        // the about template's "ABOUT TOPIC NOTE" blocks). "{{0}}" in code (a -f format escape) is not one.
        public static bool IsPlaceholder(string? text) =>
            !string.IsNullOrEmpty(text) && PlaceholderPattern.IsMatch(text);

        private static void ReadSyntax(List<Block> body, CommandHelp help)
        {
            string? setName = null;
            bool isDefault = false;
            foreach (var block in body)
            {
                if (block.Kind == BlockKind.Heading && block.Level == 3)
                {
                    setName = block.Text;
                    isDefault = setName.EndsWith(DefaultSetSuffix, StringComparison.OrdinalIgnoreCase);
                    if (isDefault) setName = setName.Substring(0, setName.Length - DefaultSetSuffix.Length).TrimEnd();
                }
                else if (block.Kind == BlockKind.Fence)
                {
                    help.Syntax.Add(new SyntaxBlock { ParameterSetName = setName, IsDefault = isDefault, Text = block.Content.Trim() });
                }
            }
        }

        private static void ReadExamples(Document doc, Section section, CommandHelp help)
        {
            foreach (var sub in SubSections(doc, section, "'### Example 1: title' heading"))
            {
                var fences = sub.Body.Where(b => b.Kind == BlockKind.Fence).ToList();
                if (fences.Count == 0)
                    throw doc.Error(sub.Heading.Line, $"example '{sub.Heading.Text}' has no ```powershell code block");
                help.Examples.Add(new ExampleHelp
                {
                    Title = sub.Heading.Text,
                    Line = sub.Heading.Line,
                    // Several fences in one example are one script to the reader; a blank line keeps them apart.
                    Code = string.Join("\n\n", fences.Select(f => f.Content.Trim('\n'))),
                    Remarks = JoinText(sub.Body.Where(b => b.Kind != BlockKind.Fence)),
                });
            }
        }

        private static void ReadParameters(Document doc, Section section, CommandHelp help)
        {
            foreach (var sub in SubSections(doc, section, "'### -ParameterName' heading"))
            {
                var name = sub.Heading.Text.TrimStart('-').Trim();
                if (name.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }
                if (name.Equals("WorkflowParameters", StringComparison.OrdinalIgnoreCase)) continue;
                if (name.Length == 0) throw doc.Error(sub.Heading.Line, "parameter heading has no name");

                var yamlBlocks = sub.Body.Where(IsYamlFence).ToList();
                if (yamlBlocks.Count == 0)
                    throw doc.Error(sub.Heading.Line, $"parameter -{name} has no ```yaml block");

                var parameter = new ParameterHelp { Name = name, Line = sub.Heading.Line };
                parameter.Description = JoinText(sub.Body.Where(b => !IsYamlFence(b)));
                for (int i = 0; i < yamlBlocks.Count; i++)
                    ApplyYaml(doc, yamlBlocks[i], parameter, first: i == 0);
                help.Parameters.Add(parameter);
            }
        }

        private static bool IsYamlFence(Block b) =>
            b.Kind == BlockKind.Fence && b.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase);

        // The first yaml block gives the parameter's metadata; later blocks (platyPS writes one per
        // differing parameter set) only add their sets, since the model keeps one Required/Position.
        private static void ApplyYaml(Document doc, Block yaml, ParameterHelp p, bool first)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var lines = yaml.Content.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Trim().Length == 0) continue;
                int lineNo = yaml.Line + 1 + i;
                var m = YamlLinePattern.Match(line);
                if (!m.Success)
                    throw doc.Error(lineNo, $"parameter -{p.Name}: malformed yaml line '{line.Trim()}', expected 'Key: value'");
                var key = m.Groups[1].Value.Trim();
                if (!KnownYamlKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw doc.Error(lineNo, $"parameter -{p.Name}: unknown yaml key '{key}' (known: {string.Join(", ", KnownYamlKeys)})");
                if (values.ContainsKey(key))
                    throw doc.Error(lineNo, $"parameter -{p.Name}: yaml key '{key}' appears twice");
                values[key] = m.Groups[2].Value.Trim();
            }

            var sets = SplitList(Get(values, "Parameter Sets"));
            if (sets.Count == 0) sets.Add(ParameterHelp.AllParameterSets);
            foreach (var set in sets)
                if (!p.ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase)) p.ParameterSets.Add(set);
            if (!first) return;

            p.Type = Get(values, "Type");
            if (p.Type.Length == 0)
                throw doc.Error(yaml.Line, $"parameter -{p.Name}: yaml block has no 'Type:' value");

            foreach (var alias in SplitList(Get(values, "Aliases")))
                if (!alias.Equals("None", StringComparison.OrdinalIgnoreCase)) p.Aliases.Add(alias);
            p.AcceptedValues.AddRange(SplitList(Get(values, "Accepted values")));
            p.Required = ReadBool(doc, yaml, p, values, "Required");
            p.AcceptWildcardCharacters = ReadBool(doc, yaml, p, values, "Accept wildcard characters");

            var position = Get(values, "Position");
            if (position.Length == 0 || position.Equals("Named", StringComparison.OrdinalIgnoreCase))
                p.Position = "Named";
            else if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                p.Position = n.ToString(CultureInfo.InvariantCulture);
            else
                throw doc.Error(yaml.Line, $"parameter -{p.Name}: Position '{position}' must be 'Named' or a number");

            var defaultValue = Get(values, "Default value");
            p.DefaultValue = defaultValue.Length == 0 ? null : defaultValue;
            var pipeline = Get(values, "Accept pipeline input");
            p.AcceptPipelineInput = pipeline.Length == 0 ? "False" : pipeline;
        }

        // Accepts "True"/"False" and platyPS's per-set form "True (SetA), False (SetB)" (first wins).
        private static bool ReadBool(Document doc, Block yaml, ParameterHelp p, Dictionary<string, string> values, string key)
        {
            var text = Get(values, key);
            if (text.Length == 0) return false;
            var m = BooleanLead.Match(text);
            if (!m.Success)
                throw doc.Error(yaml.Line, $"parameter -{p.Name}: '{key}: {text}' must be True or False");
            return m.Groups[1].Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        private static void ReadTypes(Document doc, Section section, List<TypeHelp> into)
        {
            foreach (var sub in SubSections(doc, section, "'### TypeName' heading"))
                into.Add(new TypeHelp { TypeName = sub.Heading.Text, Description = JoinText(sub.Body) });
        }

        private static void ReadLinks(List<Block> body, CommandHelp help)
        {
            foreach (var block in body.Where(b => b.Kind == BlockKind.Text))
            {
                foreach (var raw in block.Lines)
                {
                    var line = raw.Trim();
                    if (line.Length == 0) continue;
                    var links = LinkPattern.Matches(line);
                    if (links.Count == 0)
                    {
                        help.RelatedLinks.Add(new RelatedLink { Text = line.TrimStart('-', '*', '+', ' ') });
                        continue;
                    }
                    foreach (Match link in links)
                        help.RelatedLinks.Add(new RelatedLink { Text = link.Groups[1].Value.Trim(), Uri = link.Groups[2].Value.Trim() });
                }
            }
        }

        // Splits a section into its "###" subsections; text before the first one must be blank.
        private static IEnumerable<Section> SubSections(Document doc, Section section, string expected)
        {
            Section? current = null;
            foreach (var block in section.Body)
            {
                if (block.Kind == BlockKind.Heading && block.Level == 3)
                {
                    if (current != null) yield return current;
                    current = new Section(block);
                }
                else if (current != null)
                {
                    current.Body.Add(block);
                }
                else if (!block.IsBlank)
                {
                    throw doc.Error(block.Line, $"'## {section.Heading.Text}' must start with a {expected}");
                }
            }
            if (current != null) yield return current;
        }

        // Rebuilds the markdown of a run of blocks, dropping blank lines at both ends.
        private static string JoinText(IEnumerable<Block> blocks)
        {
            var lines = blocks.SelectMany(b => b.Lines).ToList();
            int start = 0, end = lines.Count;
            while (start < end && lines[start].Trim().Length == 0) start++;
            while (end > start && lines[end - 1].Trim().Length == 0) end--;
            return string.Join("\n", lines.Skip(start).Take(end - start));
        }

        private static string Get(Dictionary<string, string> values, string key) =>
            values.TryGetValue(key, out var v) ? v : string.Empty;

        private static List<string> SplitList(string text) =>
            text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

        private enum BlockKind { Text, Heading, Fence }

        private sealed class Block
        {
            public BlockKind Kind;
            public int Level;
            public string Text = string.Empty;   // heading text
            public string Info = string.Empty;   // fence info string, e.g. "yaml"
            public string Content = string.Empty; // fence body
            public int Line;                       // 1-based line in the source file
            public List<string> Lines = new List<string>(); // source lines, for rebuilding text

            public bool IsBlank => Kind == BlockKind.Text && Lines.All(l => l.Trim().Length == 0);
        }

        private sealed class Section
        {
            public Section(Block heading) { Heading = heading; }
            public Block Heading { get; }
            public List<Block> Body { get; } = new List<Block>();
        }

        // A file split into front matter and blocks, with line numbers kept for error messages.
        private sealed class Document
        {
            private readonly string _source;

            public Dictionary<string, string> FrontMatter { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            public List<Block> Blocks { get; } = new List<Block>();

            public Document(string markdown, string source)
            {
                _source = source;
                var lines = markdown.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n')
                    .Split('\n').Select(l => l.TrimEnd()).ToArray();
                int i = ReadFrontMatter(lines);
                Tokenize(lines, i);
            }

            public HelpFormatException Error(int line, string problem) => new HelpFormatException(_source, line, problem);

            public Block RequireTitle(string what)
            {
                var first = Blocks.FirstOrDefault(b => !b.IsBlank);
                if (first == null)
                    throw Error(1, $"file is empty; expected a {what}");
                if (first.Kind != BlockKind.Heading || first.Level != 1 || first.Text.Length == 0)
                    throw Error(first.Line, $"expected a {what} here");
                return first;
            }

            // "##" sections after the title; text between the title and the first section is ignored only if blank.
            public IEnumerable<Section> Sections(Block title)
            {
                Section? current = null;
                foreach (var block in Blocks.SkipWhile(b => b != title).Skip(1))
                {
                    if (block.Kind == BlockKind.Heading && block.Level == 1)
                        throw Error(block.Line, $"second '#' title '{block.Text}'; one command or topic per file");
                    if (block.Kind == BlockKind.Heading && block.Level == 2)
                    {
                        if (current != null) yield return current;
                        current = new Section(block);
                    }
                    else if (current != null)
                    {
                        current.Body.Add(block);
                    }
                    else if (!block.IsBlank)
                    {
                        throw Error(block.Line, "text after the '#' title must be inside a '##' section");
                    }
                }
                if (current != null) yield return current;
            }

            private int ReadFrontMatter(string[] lines)
            {
                if (lines.Length == 0 || lines[0] != "---") return 0;
                for (int i = 1; i < lines.Length; i++)
                {
                    if (lines[i] == "---") return i + 1;
                    int colon = lines[i].IndexOf(':');
                    if (colon > 0)
                        FrontMatter[lines[i].Substring(0, colon).Trim()] = lines[i].Substring(colon + 1).Trim();
                }
                throw Error(1, "front matter opened with '---' is never closed");
            }

            private void Tokenize(string[] lines, int i)
            {
                Block? text = null;
                while (i < lines.Length)
                {
                    var line = lines[i];
                    var fence = FencePattern.Match(line);
                    if (fence.Success)
                    {
                        text = null;
                        i = ReadFence(lines, i, fence);
                        continue;
                    }
                    var heading = HeadingPattern.Match(line);
                    if (heading.Success)
                    {
                        text = null;
                        Blocks.Add(new Block
                        {
                            Kind = BlockKind.Heading, Level = heading.Groups[1].Length,
                            Text = heading.Groups[2].Value.TrimEnd('#').Trim(), Line = i + 1, Lines = { line },
                        });
                    }
                    else
                    {
                        if (text == null)
                        {
                            text = new Block { Kind = BlockKind.Text, Line = i + 1 };
                            Blocks.Add(text);
                        }
                        text.Lines.Add(line);
                    }
                    i++;
                }
            }

            private int ReadFence(string[] lines, int open, Match fence)
            {
                var marker = fence.Groups[1].Value;
                var block = new Block { Kind = BlockKind.Fence, Info = fence.Groups[2].Value.Trim(), Line = open + 1 };
                block.Lines.Add(lines[open]);
                var body = new List<string>();
                for (int i = open + 1; i < lines.Length; i++)
                {
                    block.Lines.Add(lines[i]);
                    var trimmed = lines[i].Trim();
                    if (trimmed.Length >= marker.Length && trimmed.Trim(marker[0]).Length == 0)
                    {
                        block.Content = string.Join("\n", body);
                        Blocks.Add(block);
                        return i + 1;
                    }
                    body.Add(lines[i]);
                }
                throw Error(open + 1, "code fence opened here is never closed");
            }
        }
    }

    // A help source file that does not follow the platyPS schema; the message says where and what.
    public sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string sourceName, int line, string problem)
            : base($"{sourceName}:{line}: {problem}")
        {
            SourceName = sourceName;
            LineNumber = line;
            Problem = problem;
        }

        public string SourceName { get; }
        public int LineNumber { get; }
        public string Problem { get; }
    }
}
