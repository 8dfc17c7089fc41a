using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace OctoHa.Processes
{
    /// <summary>What a finished command printed (secrets masked) and its exit code.</summary>
    public sealed class CommandOutcome
    {
        internal CommandOutcome(ExternalCommand command, int exitCode, string output)
        {
            Command = command;
            ExitCode = exitCode;
            Output = output;
        }

        public ExternalCommand Command { get; }
        public int ExitCode { get; }

        /// <summary>Standard output and error, interleaved as they came, with every secret masked.</summary>
        public string Output { get; }

        public bool Succeeded => ExitCode == 0;

        /// <summary>The last lines of the output, for an error message.</summary>
        public string Tail(int lines = 8)
        {
            string[] all = Output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
            int start = Math.Max(0, all.Length - lines);
            return string.Join(Environment.NewLine, all, start, all.Length - start).Trim();
        }
    }

    /// <summary>Runs another program to the end, capturing its output; never shows a secret.</summary>
    public static class CommandRunner
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Runs the command and waits for it. A missing program, a timeout or a cancellation is an OctoHaException;
        /// a non-zero exit code is not (the caller knows what it means) and comes back in the outcome.
        /// </summary>
        public static CommandOutcome Run(ExternalCommand command, TimeSpan? timeout = null, CancellationToken ct = default)
        {
            if (command == null) throw new ArgumentNullException(nameof(command));
            var start = new ProcessStartInfo(command.FileName, command.ArgumentString())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true, // a program that prompts gets end-of-input instead of hanging
                CreateNoWindow = true,
            };
            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is Win32Exception || ex is FileNotFoundException)
            {
                throw new OctoHaException("CommandNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"'{command.FileName}' could not be started ({ex.Message}). Check that it is installed there, or give its path.",
                    command.FileName, ex);
            }
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            TimeSpan limit = timeout ?? DefaultTimeout;
            using (ct.Register(() => Kill(process)))
            {
                if (!process.WaitForExit((int)Math.Min(int.MaxValue, limit.TotalMilliseconds)))
                {
                    Kill(process);
                    throw new OctoHaException("CommandTimedOut", OctoHaErrorKind.OperationTimeout,
                        $"'{command.Render()}' did not finish within {limit.TotalSeconds:0} s and was stopped. Run it by hand to see where it waits.",
                        command.FileName);
                }
                process.WaitForExit(); // drains the redirected output
            }
            ct.ThrowIfCancellationRequested();
            string text;
            lock (output) text = output.ToString();
            return new CommandOutcome(command, process.ExitCode, command.Mask(text));
        }

        private static void Kill(Process process)
        {
            try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { } catch (Win32Exception) { }
        }
    }
}
