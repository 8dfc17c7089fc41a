using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha emulator start` as a user would run it: it prints its URLs and key, serves, and stops on a signal.</summary>
    public sealed class EmulatorCliTests
    {
        [Fact]
        public async Task Starts_prints_its_addresses_and_serves_until_stopped()
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { CliProcess.CliDll, "emulator", "start", "--nodes", "2", "--output", "json" }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            try
            {
                var lineTask = process.StandardOutput.ReadLineAsync();
                Assert.Same(lineTask, await Task.WhenAny(lineTask, Task.Delay(TimeSpan.FromSeconds(60))));
                using var doc = JsonDocument.Parse((await lineTask)!);
                string api = doc.RootElement.GetProperty("ApiUrl").GetString()!;
                string key = doc.RootElement.GetProperty("ApiKey").GetString()!;
                Assert.Equal(2, doc.RootElement.GetProperty("Nodes").GetArrayLength());

                var list = await CliProcess.RunAsync(new[] { "node", "list", "--server", api, "--output", "json" },
                    new System.Collections.Generic.Dictionary<string, string?> { ["OCTOPUS_API_KEY"] = key });
                Assert.Equal(0, list.ExitCode);
                Assert.Equal(2, JsonDocument.Parse(list.Stdout).RootElement.GetArrayLength());
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        [Fact]
        public async Task Ctrl_C_stops_it_cleanly()
        {
            if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill(1) below
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { CliProcess.CliDll, "emulator", "start", "--nodes", "1", "--output", "json" }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                Assert.NotNull(await process.StandardOutput.ReadLineAsync()); // ready
                using (var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString() })!) await kill.WaitForExitAsync();
                var exited = process.WaitForExitAsync();
                Assert.Same(exited, await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30))));
                Assert.Equal(0, process.ExitCode);
                Assert.Contains("Stopping the emulated cluster", await stderr);
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
        }

        [Fact]
        public async Task The_demo_rehearses_drain_ping_resume_and_task_cap_end_to_end()
        {
            var result = await CliProcess.RunAsync(new[] { "emulator", "demo", "--nodes", "2" });
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Node OCTO-NODE-1 is drained: no tasks running", result.Stdout);
            Assert.Matches(@"OCTO-NODE-1\s+Draining\s+418", result.Stdout);
            Assert.Contains("Set task cap of OCTO-NODE-2 to 0.", result.Stdout);
            Assert.Contains("UI-only", result.Stderr);
        }

        [Fact]
        public async Task Bad_node_counts_are_refused()
        {
            var result = await CliProcess.RunAsync(new[] { "emulator", "start", "--nodes", "0" });
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("InvalidNodeCount", result.Stderr);
        }
    }
}
