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
    /// verb packages just before testing and says so; a bare `dotnet test` packages here first, so the contract is
    /// never checked against a stale package.
    /// </summary>
    public sealed class PackagedModule
    {
        private static readonly object Gate = new object();
        private static bool _packagedThisRun;

        public PackagedModule()
        {
            Repo = Repo.Find(AppContext.BaseDirectory);
            lock (Gate)
            {
                bool fresh = Environment.GetEnvironmentVariable(TestRunner.FreshPackageVariable) == Repo.PackageFolder
                             && File.Exists(Path.Combine(Repo.PackageFolder, "OctoHa.psd1"));
                if (!fresh && !_packagedThisRun)
                {
                    Packager.Package(Repo, "Debug");
                    _packagedThisRun = true;
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
