using System.Collections.Generic;

namespace OctoHa.Build.Help
{
    // The in-memory form of one platyPS v1 cmdlet markdown file.
    // Text fields hold the section's markdown as written (LF line ends, trimmed);
    // the MAML writer turns it into plain paragraphs, so checkers can still see the source.
    public sealed class CommandHelp
    {
        public string SourceName { get; set; } = string.Empty;

        // Front matter keys as written, e.g. "external help file", "Module Name", "online version", "schema".
        public Dictionary<string, string> Metadata { get; } = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);

        public string Name { get; set; } = string.Empty;
        public string Synopsis { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;
        public List<SyntaxBlock> Syntax { get; } = new List<SyntaxBlock>();
        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        // True when the markdown has a "### CommonParameters" entry.
        public bool SupportsCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();
        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();
        public string Notes { get; set; } = string.Empty;
        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();
    }

    // One fenced block under "## SYNTAX"; ParameterSetName is null when the block had no "###" heading.
    public sealed class SyntaxBlock
    {
        public string? ParameterSetName { get; set; }
        public bool IsDefault { get; set; }
        public string Text { get; set; } = string.Empty;
    }

    public sealed class ExampleHelp
    {
        public string Title { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
        public string Remarks { get; set; } = string.Empty;
        public int Line { get; set; }
    }

    public sealed class ParameterHelp
    {
        // The moniker platyPS writes for "every parameter set".
        public const string AllParameterSets = "(All)";

        public string Name { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;
        public string Type { get; set; } = string.Empty;
        public List<string> ParameterSets { get; } = new List<string>();
        public List<string> Aliases { get; } = new List<string>();
        public List<string> AcceptedValues { get; } = new List<string>();
        public bool Required { get; set; }
        public string Position { get; set; } = "Named";
        public string? DefaultValue { get; set; }
        public string AcceptPipelineInput { get; set; } = "False";
        public bool AcceptWildcardCharacters { get; set; }
        public int Line { get; set; }

        public bool IsSwitch =>
            Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter" ||
            string.Equals(Type, "switch", System.StringComparison.OrdinalIgnoreCase);

        public bool InAllSets =>
            ParameterSets.Count == 0 || ParameterSets.Contains(AllParameterSets);
    }

    public sealed class TypeHelp
    {
        public string TypeName { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;
    }

    public sealed class RelatedLink
    {
        public string Text { get; set; } = string.Empty;

        // Empty for a bare-text link.
        public string Uri { get; set; } = string.Empty;
    }

    // An about_*.md topic. Name is the lookup name (about_X); Text is the markdown after the "#" title (LF line ends).
    public sealed class AboutTopic
    {
        public string SourceName { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public string ShortDescription { get; set; } = string.Empty;
        public string Text { get; set; } = string.Empty;
    }
}
