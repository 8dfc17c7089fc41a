using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;

namespace OctoHa.Build
{
    /// <summary>
    /// Runs the xunit suite, then the Pester suite in a fresh pwsh when pwsh is on PATH, and prints one closing
    /// line 'N passed, N failed, N skipped' over both. A suite that could not run is said so plainly, never counted.
    /// </summary>
    public static class TestRunner
    {
        public sealed record Counts(int Passed, int Failed, int Skipped)
        {
            public static Counts operator +(Counts a, Counts b) => new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);
        }

        /// <summary>Set for the xunit run when the package under test was built from this tree moments before.</summary>
        public const string FreshPackageVariable = "OCTOHA_FRESH_PACKAGE";

        public static int Run(Repo repo, string configuration, string packageFolder)
        {
            string results = repo.Path_("out", "test-results");
            if (Directory.Exists(results)) Directory.Delete(results, recursive: true);
            Directory.CreateDirectory(results);

            // The package was just built from this tree; tell the contract tests not to build it again.
            var fresh = new System.Collections.Generic.Dictionary<string, string> { [FreshPackageVariable] = packageFolder };
            int unitExit = ProcessRunner.Run("dotnet", repo.Root, fresh, "test", repo.Path_("tests", "Unit", "OctoHa.Tests.csproj"),
                "-c", configuration, "--nologo", "--logger", "trx;LogFileName=unit.trx", "--results-directory", results);
            Counts total = ReadTrx(Path.Combine(results, "unit.trx"));
            Console.Error.WriteLine($"xunit: {total.Passed} passed, {total.Failed} failed, {total.Skipped} skipped");
            bool ok = unitExit == 0 && total.Failed == 0 && total.Passed > 0;
            if (unitExit != 0 && total.Failed == 0)
            {
                Console.Error.WriteLine($"xunit: 'dotnet test' exited {unitExit} without a failed test; counting the run as one failure.");
                total += new Counts(0, 1, 0);
            }

            if (ProcessRunner.OnPath("pwsh"))
            {
                Counts pester = RunPester(repo, packageFolder, results);
                total += pester;
                ok &= pester.Failed == 0;
            }
            else
            {
                Console.Error.WriteLine("Pester: not run, because this machine has no pwsh on PATH. The Pester suite (tests/Pester) runs wherever pwsh is installed.");
            }

            Console.WriteLine($"{total.Passed} passed, {total.Failed} failed, {total.Skipped} skipped");
            return ok ? 0 : 1;
        }

        private static Counts RunPester(Repo repo, string packageFolder, string results)
        {
            string summary = Path.Combine(results, "pester-summary.json");
            int exit = ProcessRunner.Run("pwsh", repo.Root, "-NoProfile", "-NonInteractive", "-File",
                repo.Path_("tests", "Pester", "Invoke-OctoHaPester.ps1"), "-PackagePath", packageFolder, "-SummaryPath", summary,
                "-CliPath", repo.Path_("out", "cli", "octoha.dll"));
            if (!File.Exists(summary))
            {
                Console.Error.WriteLine($"Pester: the run wrote no summary (pwsh exited {exit}); counting it as one failure.");
                return new Counts(0, 1, 0);
            }
            using var doc = JsonDocument.Parse(File.ReadAllText(summary));
            var root = doc.RootElement;
            var counts = new Counts(root.GetProperty("Passed").GetInt32(), root.GetProperty("Failed").GetInt32(), root.GetProperty("Skipped").GetInt32());
            Console.Error.WriteLine($"Pester: {counts.Passed} passed, {counts.Failed} failed, {counts.Skipped} skipped");
            return counts;
        }

        private static Counts ReadTrx(string trx)
        {
            if (!File.Exists(trx)) return new Counts(0, 0, 0);
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            var counters = XDocument.Load(trx).Descendants(ns + "Counters").FirstOrDefault();
            if (counters == null) return new Counts(0, 0, 0);
            int Get(string name) => int.TryParse((string?)counters.Attribute(name), out int v) ? v : 0;
            int total = Get("total"), passed = Get("passed"), failed = Get("failed") + Get("error") + Get("timeout") + Get("aborted");
            return new Counts(passed, failed, Math.Max(0, total - passed - failed));
        }
    }
}
