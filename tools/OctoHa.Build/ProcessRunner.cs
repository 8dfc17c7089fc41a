using System;
using System.Diagnostics;

namespace OctoHa.Build
{
    /// <summary>Runs a child process with its output passed through, and fails loudly on a non-zero exit.</summary>
    public static class ProcessRunner
    {
        public static int Run(string fileName, string workingDirectory, params string[] args) => Run(fileName, workingDirectory, null, args);

        public static int Run(string fileName, string workingDirectory, System.Collections.Generic.IDictionary<string, string>? environment, params string[] args)
        {
            var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, UseShellExecute = false };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            if (environment != null) foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
            Console.Error.WriteLine($"> {fileName} {string.Join(" ", args)}");
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
            process.WaitForExit();
            return process.ExitCode;
        }

        public static void RunOrThrow(string fileName, string workingDirectory, params string[] args)
        {
            int code = Run(fileName, workingDirectory, args);
            if (code != 0) throw new InvalidOperationException($"'{fileName} {string.Join(" ", args)}' failed with exit code {code}.");
        }

        public static bool OnPath(string name)
        {
            string? path = Environment.GetEnvironmentVariable("PATH");
            if (path == null) return false;
            foreach (string dir in path.Split(System.IO.Path.PathSeparator))
            {
                foreach (string ext in new[] { "", ".exe" })
                {
                    if (System.IO.File.Exists(System.IO.Path.Combine(dir, name + ext))) return true;
                }
            }
            return false;
        }
    }
}
