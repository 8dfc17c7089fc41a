using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace OctoHa.Build
{
    /// <summary>Where things are in the repository, and the one version source (Directory.Build.props).</summary>
    public sealed class Repo
    {
        public Repo(string root) => Root = root;

        public string Root { get; }

        public static Repo Find(string? start = null)
        {
            var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OctoHa.sln"))) dir = dir.Parent;
            if (dir == null) throw new InvalidOperationException("Could not find OctoHa.sln above " + (start ?? AppContext.BaseDirectory) + ".");
            return new Repo(dir.FullName);
        }

        public string Version
        {
            get
            {
                var props = XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
                return props.Descendants("Version").Select(e => e.Value.Trim()).First();
            }
        }

        public string Path_(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        public string PackageFolder => Path_("out", "OctoHa", Version);
        public string HelpFolder => Path_("docs", "help");
        public string ModuleFolder => Path_("module");
    }
}
