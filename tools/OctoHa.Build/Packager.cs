using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OctoHa.Build
{
    /// <summary>
    /// Produces out/OctoHa/&lt;version&gt;/: the manifest (version templated in), the loader script, the format file,
    /// Core/ and Desktop/ cmdlet builds with their engine in Dependencies/, and the external help.
    /// </summary>
    public static class Packager
    {
        private static readonly (string Edition, string Framework)[] Builds = { ("Core", "net8.0"), ("Desktop", "net472") };

        public static string Package(Repo repo, string configuration = "Release")
        {
            string target = repo.PackageFolder;
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(target);

            foreach (var (edition, framework) in Builds)
            {
                string staging = repo.Path_("out", "staging", framework);
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
                ProcessRunner.RunOrThrow("dotnet", repo.Root, "publish", repo.Path_("src", "OctoHa.Cmdlets", "OctoHa.Cmdlets.csproj"),
                    "-c", configuration, "-f", framework, "-o", staging, "--nologo", "-v", "quiet");
                Lay(staging, Path.Combine(target, edition), edition);
                HelpBuilder.Write(repo.HelpFolder, Path.Combine(target, edition, "en-US"));
            }

            string manifest = File.ReadAllText(Path.Combine(repo.ModuleFolder, "OctoHa.psd1"))
                .Replace("{{ModuleVersion}}", repo.Version);
            File.WriteAllText(Path.Combine(target, "OctoHa.psd1"), manifest);
            foreach (string file in new[] { "OctoHa.psm1", "OctoHa.Format.ps1xml" })
            {
                File.Copy(Path.Combine(repo.ModuleFolder, file), Path.Combine(target, file));
            }
            // About topics are looked up beside the manifest; cmdlet help beside each cmdlet assembly.
            HelpBuilder.Write(repo.HelpFolder, Path.Combine(target, "en-US"));

            Verify(target);
            Console.Error.WriteLine($"Packaged OctoHa {repo.Version} at {target}");

            // The CLI twin beside the module: used by scripts without PowerShell and by the Pester suite's emulator.
            string cli = repo.Path_("out", "cli");
            if (Directory.Exists(cli)) Directory.Delete(cli, recursive: true);
            // Precompiled (ReadyToRun) for this platform where the SDK can; portable IL otherwise.
            string cliProject = repo.Path_("src", "OctoHa.Cli", "OctoHa.Cli.csproj");
            if (ProcessRunner.Run("dotnet", repo.Root, "publish", cliProject, "-c", configuration, "-o", cli,
                    "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--nologo", "-v", "quiet") != 0)
            {
                Console.Error.WriteLine("ReadyToRun publish of the CLI failed; publishing it as portable IL.");
                if (Directory.Exists(cli)) Directory.Delete(cli, recursive: true);
                ProcessRunner.RunOrThrow("dotnet", repo.Root, "publish", cliProject, "-c", configuration, "-o", cli, "--nologo", "-v", "quiet");
            }
            return target;
        }

        // The cmdlet assembly goes on top; everything else we ship goes into Dependencies/ for the initializer.
        private static void Lay(string staging, string editionFolder, string edition)
        {
            string deps = Path.Combine(editionFolder, "Dependencies");
            Directory.CreateDirectory(deps);
            foreach (string dll in Directory.GetFiles(staging, "*.dll"))
            {
                string name = Path.GetFileName(dll);
                if (name.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)) continue;
                string to = name == "OctoHa.Cmdlets.dll" ? Path.Combine(editionFolder, name) : Path.Combine(deps, name);
                File.Copy(dll, to);
            }
            // Assets the engine finds by relative path beside OctoHa.Core.dll (Database/SqlClientAssembly.cs): the working
            // System.Data.SqlClient builds, runtimes/{win,unix}/lib/net8.0 for PowerShell 7 and sqlclient/netfx for 5.1.
            foreach (string folder in EditionAssetFolders(edition))
            {
                string from = Path.Combine(staging, folder);
                if (!Directory.Exists(from)) continue;
                foreach (string file in Directory.GetFiles(from, "*.dll", SearchOption.AllDirectories))
                {
                    string to = Path.Combine(deps, Path.GetRelativePath(staging, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                    File.Copy(file, to);
                }
            }
        }

        private static string[] EditionAssetFolders(string edition) => edition == "Core" ? new[] { "runtimes" } : new[] { "sqlclient" };

        /// <summary>Every file the manifest names must exist, and no PowerShell assembly may be shipped.</summary>
        public static void Verify(string packageFolder)
        {
            var manifest = PsdFile.Parse(File.ReadAllText(Path.Combine(packageFolder, "OctoHa.psd1")));
            var named = new List<string> { (string)manifest["RootModule"]! };
            named.AddRange(((List<object?>)manifest["FormatsToProcess"]!).Cast<string>());
            foreach (string edition in new[] { "Core", "Desktop" })
            {
                named.Add(Path.Combine(edition, "OctoHa.Cmdlets.dll"));
                named.Add(Path.Combine(edition, "Dependencies", "OctoHa.Core.dll"));
                named.Add(Path.Combine(edition, "en-US", HelpBuilder.MamlFileName));
            }
            // The SQL client builds Test-OctoHaDatabase loads (the package's netstandard2.0 one only throws PlatformNotSupported).
            named.Add(Path.Combine("Core", "Dependencies", "runtimes", "unix", "lib", "net8.0", "System.Data.SqlClient.dll"));
            named.Add(Path.Combine("Core", "Dependencies", "runtimes", "win", "lib", "net8.0", "System.Data.SqlClient.dll"));
            named.Add(Path.Combine("Desktop", "Dependencies", "sqlclient", "netfx", "System.Data.SqlClient.dll"));
            var missing = named.Where(f => !File.Exists(Path.Combine(packageFolder, f))).ToList();
            if (missing.Count > 0) throw new InvalidOperationException("The package lacks files the module needs: " + string.Join(", ", missing));
            var shipped = Directory.GetFiles(packageFolder, "System.Management.Automation*.dll", SearchOption.AllDirectories);
            if (shipped.Length > 0) throw new InvalidOperationException("The package must not ship PowerShell's own assemblies: " + string.Join(", ", shipped));
        }
    }
}
