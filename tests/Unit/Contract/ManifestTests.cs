using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using OctoHa.Build;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Contract
{
    /// <summary>The packaged manifest: exports, version, Gallery fields, and the files it names.</summary>
    [Collection(PackagedModuleCollection.Name)]
    public sealed class ManifestTests
    {
        private readonly PackagedModule _module;
        private readonly Dictionary<string, object?> _manifest;

        public ManifestTests(PackagedModule module)
        {
            _module = module;
            _manifest = PsdFile.Parse(File.ReadAllText(Path.Combine(module.Folder, "OctoHa.psd1")));
        }

        private List<string> List(string key) => ((List<object?>)_manifest[key]!).Cast<string>().ToList();

        [Theory]
        [InlineData("Core")]
        [InlineData("Desktop")]
        public void CmdletsToExport_is_exactly_the_cmdlet_classes(string edition)
        {
            var classes = CmdletMetadata.Read(_module.CmdletAssembly(edition), edition).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(classes, List("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Nothing_is_exported_by_wildcard()
        {
            foreach (string key in new[] { "CmdletsToExport", "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
            {
                Assert.True(_manifest.ContainsKey(key), $"{key} must be explicit so PowerShell need not load the module to discover commands.");
                Assert.DoesNotContain(List(key), n => n.Contains('*'));
            }
        }

        [Theory]
        [InlineData("Core")]
        [InlineData("Desktop")]
        public void ModuleVersion_equals_the_assembly_version_and_the_version_source(string edition)
        {
            var version = Version.Parse((string)_manifest["ModuleVersion"]!);
            Assert.Equal(Version.Parse(_module.Repo.Version), version);
            var assemblyVersion = AssemblyName.GetAssemblyName(_module.CmdletAssembly(edition)).Version!;
            Assert.Equal(new Version(version.Major, version.Minor, version.Build), new Version(assemblyVersion.Major, assemblyVersion.Minor, assemblyVersion.Build));
            var engine = AssemblyName.GetAssemblyName(Path.Combine(_module.Folder, edition, "Dependencies", "OctoHa.Core.dll")).Version!;
            Assert.Equal(assemblyVersion, engine);
        }

        [Fact]
        public void Manifest_has_what_the_PowerShell_Gallery_asks_for()
        {
            foreach (string key in new[] { "Description", "Author", "CompanyName", "Copyright", "GUID" })
            {
                Assert.False(string.IsNullOrWhiteSpace(_manifest[key] as string), $"{key} is empty.");
            }
            Assert.Equal("5.1", (string)_manifest["PowerShellVersion"]!);
            Assert.Equal(new[] { "Core", "Desktop" }, List("CompatiblePSEditions").OrderBy(e => e, StringComparer.Ordinal));
            var psData = (Dictionary<string, object?>)((Dictionary<string, object?>)_manifest["PrivateData"]!)["PSData"]!;
            Assert.NotEmpty((List<object?>)psData["Tags"]!);
            Assert.DoesNotContain((List<object?>)psData["Tags"]!, t => ((string)t!).Contains(' ')); // the Gallery rejects tags with spaces
            foreach (string key in new[] { "ProjectUri", "LicenseUri" })
            {
                Assert.True(Uri.TryCreate(psData[key] as string, UriKind.Absolute, out var uri) && uri.Scheme == "https", $"{key} must be an absolute https URI.");
            }
        }

        [Fact]
        public void Every_file_the_manifest_names_is_in_the_package()
        {
            var named = new List<string> { (string)_manifest["RootModule"]! };
            named.AddRange(List("FormatsToProcess"));
            foreach (string file in named)
            {
                Assert.True(File.Exists(Path.Combine(_module.Folder, file)), $"The manifest names {file}, which the package lacks.");
            }
            // The root module loads <edition>/OctoHa.Cmdlets.dll, which resolves its engine from Dependencies/.
            string loader = File.ReadAllText(Path.Combine(_module.Folder, (string)_manifest["RootModule"]!));
            Assert.Contains("OctoHa.Cmdlets.dll", loader);
            foreach (string edition in new[] { "Core", "Desktop" })
            {
                Assert.True(File.Exists(Path.Combine(_module.Folder, edition, "OctoHa.Cmdlets.dll")));
                Assert.True(File.Exists(Path.Combine(_module.Folder, edition, "Dependencies", "OctoHa.Core.dll")));
                Assert.True(File.Exists(Path.Combine(_module.Folder, edition, "en-US", HelpBuilder.MamlFileName)));
            }
        }

        [Fact]
        public void The_package_never_ships_PowerShell_itself_and_keeps_the_engine_out_of_the_cmdlet_folder()
        {
            Assert.Empty(Directory.GetFiles(_module.Folder, "System.Management.Automation*.dll", SearchOption.AllDirectories));
            foreach (string edition in new[] { "Core", "Desktop" })
            {
                var top = Directory.GetFiles(Path.Combine(_module.Folder, edition), "*.dll").Select(Path.GetFileName);
                Assert.Equal(new[] { "OctoHa.Cmdlets.dll" }, top);
            }
            // The Desktop build must carry System.Text.Json and friends, which .NET Framework lacks.
            Assert.True(File.Exists(Path.Combine(_module.Folder, "Desktop", "Dependencies", "System.Text.Json.dll")));
        }

        [Fact]
        public void Format_file_gives_every_OctoHa_output_type_a_view()
        {
            var doc = System.Xml.Linq.XDocument.Load(Path.Combine(_module.Folder, List("FormatsToProcess")[0]));
            var viewed = doc.Descendants("TypeName").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
            var outputs = CmdletMetadata.Read(_module.CmdletAssembly("Core"), "Core").SelectMany(c => c.OutputTypes).Where(t => t.StartsWith("OctoHa.", StringComparison.Ordinal)).Distinct().ToList();
            Assert.Contains("OctoHa.Planning.TaskCapPlan", outputs);
            Assert.All(outputs, t => Assert.True(viewed.Contains(t), $"{t} has no view in the format file."));
        }
    }
}
