using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>Runs the real `octoha` CLI as a child process, the way a script or container hook would.</summary>
    public static class CliProcess
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr);

        public static string CliDll => Path.Combine(AppContext.BaseDirectory, "octoha.dll");

        public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(CliDll);
            foreach (string arg in args) info.ArgumentList.Add(arg);
            // Start from a clean slate so a developer's own Octopus variables never leak into a test.
            info.Environment.Remove("OCTOPUS_URL");
            info.Environment.Remove("OCTOPUS_API_KEY");
            if (environment != null)
            {
                foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            }
            using var process = Process.Start(info)!;
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(timeout ?? TimeSpan.FromMinutes(2))) != exited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"octoha {string.Join(" ", args)} did not finish in time.\n{await stderr}");
            }
            return new Result(process.ExitCode, await stdout, await stderr);
        }

        public static Result Run(params string[] args) => RunAsync(args).GetAwaiter().GetResult();
    }
}
