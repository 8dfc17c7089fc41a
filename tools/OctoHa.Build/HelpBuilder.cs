using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OctoHa.Build.Help;

namespace OctoHa.Build
{
    /// <summary>Turns docs/help (platyPS markdown) into the module's external help: MAML plus about_ text files.</summary>
    public static class HelpBuilder
    {
        public const string MamlFileName = "OctoHa.Cmdlets.dll-Help.xml";

        public static IReadOnlyList<CommandHelp> ReadCommands(string helpFolder) =>
            Directory.GetFiles(helpFolder, "*-*.md")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => PlatyPsMarkdownReader.Parse(File.ReadAllText(f), Path.GetFileName(f)))
                .ToList();

        /// <summary>Writes the MAML and about_ topics into <paramref name="cultureFolder"/> (e.g. en-US).</summary>
        public static void Write(string helpFolder, string cultureFolder)
        {
            Directory.CreateDirectory(cultureFolder);
            var maml = MamlWriter.Write(ReadCommands(helpFolder));
            maml.Save(Path.Combine(cultureFolder, MamlFileName));
            foreach (string about in Directory.GetFiles(helpFolder, "about_*.md"))
            {
                var topic = PlatyPsMarkdownReader.ParseAbout(File.ReadAllText(about), Path.GetFileName(about));
                File.WriteAllText(Path.Combine(cultureFolder, topic.Name + ".help.txt"), MamlWriter.WriteAboutText(topic));
            }
        }
    }
}
