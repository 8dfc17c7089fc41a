using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace OctoHa.Build.Help
{
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

                // A line indented four spaces outside a paragraph starts an indented code block.
                if (pending.Count == 0 && IsIndentedCode(line))
                {
                    var code = new List<string>();
                    for (; i < lines.Length && (IsIndentedCode(lines[i]) || lines[i].Trim().Length == 0); i++)
                        code.Add(lines[i].Trim().Length == 0 ? string.Empty : Unindent(lines[i].TrimEnd()));
                    i--;
                    while (code.Count > 0 && code[code.Count - 1].Length == 0) code.RemoveAt(code.Count - 1);
                    result.Add(new TextBlock { Kind = Kind.Code, Text = string.Join("\n", code) });
                    continue;
                }

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

        private static bool IsIndentedCode(string line) =>
            line.StartsWith("    ", StringComparison.Ordinal) || line.StartsWith("\t", StringComparison.Ordinal);

        private static string Unindent(string line) => line[0] == '\t' ? line.Substring(1) : line.Substring(4);

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
