using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Blob
{
    /// <summary>`octoha blob copy` as a real process: robocopy's exit codes, JSON, what-if, and a kill mid-copy.</summary>
    public sealed class BlobCliTests
    {
        [Fact]
        public async Task Exit_codes_follow_robocopys_bit_mask()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            var first = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination, "--output", "json" });
            Assert.Equal(1, first.ExitCode);
            using (var doc = JsonDocument.Parse(first.Stdout))
            {
                var files = doc.RootElement.GetProperty("Files");
                Assert.Equal(7, files.GetProperty("Total").GetInt64());
                Assert.Equal(7, files.GetProperty("Copied").GetInt64());
                foreach (string counter in new[] { "Skipped", "Mismatch", "Failed", "Extras" }) Assert.Equal(0, files.GetProperty(counter).GetInt64());
                Assert.Equal(1, doc.RootElement.GetProperty("ExitCode").GetInt32());
                Assert.True(doc.RootElement.TryGetProperty("Bytes", out _));
                Assert.True(doc.RootElement.TryGetProperty("Dirs", out _));
            }
            Assert.Equal(0, (await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination })).ExitCode);
            t.Dst("TaskLogs/extra.log.txt", "extra");
            var extras = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination });
            Assert.Equal(2, extras.ExitCode);
            Assert.Contains("Extras", extras.Stdout);
        }

        [Fact]
        public async Task Bad_input_is_robocopys_fatal_error_16()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            var same = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Source, "--mirror" });
            Assert.Equal(16, same.ExitCode);
            Assert.Contains("SameSourceAndDestination", same.Stderr);
            var missing = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source });
            Assert.Equal(16, missing.ExitCode);
            var threads = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination, "--threads", "0" });
            Assert.Equal(16, threads.ExitCode);
            Assert.False(Directory.Exists(t.Destination));
        }

        [Fact]
        public async Task What_if_lists_each_change_and_makes_none()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Dst("TaskLogs/extra.log.txt", "extra");
            var before = BlobTree.Snapshot(t.Destination);
            var result = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination, "--mirror", "--what-if" });
            Assert.Equal(3, result.ExitCode); // would copy, extras seen
            Assert.Equal(7, result.Stdout.Split('\n').Count(l => l.StartsWith("What if: Copy new file", StringComparison.Ordinal)));
            Assert.Contains("What if: Delete extra file on " + Path.Combine(t.Destination, "TaskLogs", "extra.log.txt"), result.Stdout);
            Assert.Equal(before, BlobTree.Snapshot(t.Destination));
        }

        [Fact]
        public async Task A_copy_killed_midway_finishes_cleanly_when_run_again()
        {
            using var t = new BlobTree();
            var chunk = new string('p', 256 * 1024);
            for (int i = 0; i < 600; i++) t.Src($"Packages/feed/pkg-{i:000}.zip", chunk + i);

            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { CliProcess.CliDll, "blob", "copy", t.Source, t.Destination, "--mirror", "--threads", "2" }) info.ArgumentList.Add(a);
            using (var process = Process.Start(info)!)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                string folder = Path.Combine(t.Destination, "Packages", "feed");
                await Eventually.TrueAsync(() => process.HasExited || (Directory.Exists(folder) && Directory.EnumerateFiles(folder).Count() > 20), "the copy to be under way");
                if (!process.HasExited) process.Kill(entireProcessTree: true); // as abrupt as a crash
                await process.WaitForExitAsync();
            }
            // Whatever the kill left, no file under its real name is partial.
            foreach (string copied in Directory.EnumerateFiles(t.Destination, "pkg-*.zip", SearchOption.AllDirectories))
            {
                string name = Path.GetFileName(copied);
                Assert.Equal(File.ReadAllText(Path.Combine(t.Source, "Packages", "feed", name)), File.ReadAllText(copied));
            }

            var rerun = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination, "--mirror" });
            Assert.True(rerun.ExitCode < 8, rerun.Stdout + rerun.Stderr);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
            Assert.Empty(Directory.EnumerateFiles(t.Destination, "*octoha-partial*", SearchOption.AllDirectories));
        }

        [Fact]
        public async Task Ctrl_C_stops_the_copy_between_files_leaving_no_temporary_and_a_rerun_finishes()
        {
            using var t = new BlobTree();
            var chunk = new string('q', 256 * 1024);
            for (int i = 0; i < 600; i++) t.Src($"Packages/feed/pkg-{i:000}.zip", chunk + i);

            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string a in new[] { CliProcess.CliDll, "blob", "copy", t.Source, t.Destination, "--threads", "1" }) info.ArgumentList.Add(a);
            int exitCode;
            string stderr;
            using (var process = Process.Start(info)!)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                string folder = Path.Combine(t.Destination, "Packages", "feed");
                await Eventually.TrueAsync(() => process.HasExited || (Directory.Exists(folder) && Directory.EnumerateFiles(folder).Count() > 20), "the copy to be under way");
                Assert.False(process.HasExited, "the copy finished before Ctrl+C could be sent; make the tree bigger");
                using (var kill = Process.Start(new ProcessStartInfo("kill", $"-INT {process.Id}") { UseShellExecute = false })!) await kill.WaitForExitAsync();
                await process.WaitForExitAsync();
                exitCode = process.ExitCode;
                stderr = await error;
            }
            Assert.Equal(16, exitCode);
            Assert.Contains("octoha: cancelled.", stderr);
            Assert.True(Directory.EnumerateFiles(t.Destination, "pkg-*.zip", SearchOption.AllDirectories).Count() < 600, "Ctrl+C did not stop the copy");
            Assert.Empty(Directory.EnumerateFiles(t.Destination, "*octoha-partial*", SearchOption.AllDirectories));

            var rerun = await CliProcess.RunAsync(new[] { "blob", "copy", t.Source, t.Destination });
            Assert.Equal(1, rerun.ExitCode);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
        }
    }
}
