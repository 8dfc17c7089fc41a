using System;
using System.IO;
using System.Linq;
using System.Reflection;
using OctoHa.Build;
using Xunit;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>
    /// The packaged module under out/OctoHa/&lt;version&gt;, which the contract tests read. The build tool's `test`
    /// verb packages before testing; a bare `dotnet test` packages once here if no package exists yet.
    /// </summary>
    public sealed class PackagedModule
    {
        private static readonly object Gate = new object();

        public PackagedModule()
        {
            Repo = Repo.Find(AppContext.BaseDirectory);
            lock (Gate)
            {
                if (!File.Exists(Path.Combine(Repo.PackageFolder, "OctoHa.psd1")))
                {
                    Packager.Package(Repo, "Debug");
                }
            }
            Folder = Repo.PackageFolder;
        }

        public Repo Repo { get; }
        public string Folder { get; }

        public string CmdletAssembly(string edition) => Path.Combine(Folder, edition, "OctoHa.Cmdlets.dll");

        public static string BuildMetadata(string key) =>
            typeof(PackagedModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
            ?? throw new InvalidOperationException($"Build metadata {key} is missing.");
    }

    [CollectionDefinition(Name)]
    public sealed class PackagedModuleCollection : ICollectionFixture<PackagedModule>
    {
        public const string Name = "Packaged module";
    }
}
