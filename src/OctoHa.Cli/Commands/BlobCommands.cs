using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using OctoHa.Blob;
using OctoHa.Cli.Output;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha blob copy`: the twin of Copy-OctoHaBlobData. Exits with robocopy's bit mask, so robocopy scripts keep working.</summary>
    internal static class BlobCommands
    {
        /// <summary>robocopy's "fatal error" bit: bad input, or the copy could not run at all.</summary>
        public const int Fatal = 16;

        public static Command Build(CliContext context)
        {
            var blob = new Command("blob", "Copy and mirror Octopus blob data (TaskLogs, Artifacts, Packages, Imports, EventExports, Telemetry).");
            blob.Subcommands.Add(Copy(context));
            return blob;
        }

        private static Command Copy(CliContext context)
        {
            var source = new Argument<string>("SRC") { Description = "The source folder (an Octopus data root or a blob folder). Never written to." };
            var destination = new Argument<string>("DST") { Description = "The destination folder, e.g. the shared storage." };
            var mirror = new Option<bool>("--mirror") { Description = "Also delete destination files and folders the source lacks (robocopy /MIR)." };
            var force = new Option<bool>("--force") { Description = "Mirror even if the source is missing or empty while the destination is not." };
            var folders = new Option<string[]>("--folder") { Description = "Only these blob folders of a data root: TaskLogs, Artifacts, Packages, Imports, EventExports, Telemetry.", AllowMultipleArgumentsPerToken = true };
            var excludeDirs = new Option<string[]>("--exclude-directory") { Description = "Folder names or relative paths to leave out (wildcards).", AllowMultipleArgumentsPerToken = true };
            var excludeFiles = new Option<string[]>("--exclude-file") { Description = "File names to leave out (wildcards).", AllowMultipleArgumentsPerToken = true };
            var threads = new Option<int>("--threads") { Description = $"Parallel copies (default {BlobCopyRequest.DefaultThreadCount} here).", DefaultValueFactory = _ => BlobCopyRequest.DefaultThreadCount };
            var checksum = new Option<bool>("--checksum") { Description = "Compare content instead of size and last-write time." };
            var retry = new Option<int>("--retry") { Description = "Retries per file for transient errors (default 3).", DefaultValueFactory = _ => 3 };
            var retryWait = new Option<double>("--retry-wait") { Description = "Seconds between retries (default 5).", DefaultValueFactory = _ => 5 };
            var log = new Option<string?>("--log") { Description = "Write a robocopy-like log to this file." };
            var whatIf = new Option<bool>("--what-if") { Description = "List what would be copied and deleted; change nothing (robocopy /L)." };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };
            var output = Outputs.CreateOption();
            var command = new Command("copy", "Copy (or with --mirror, mirror) blob folders robocopy-style: parallel, restartable, safe on live data. Exit code: robocopy's bit mask.")
            {
                source, destination, mirror, force, folders, excludeDirs, excludeFiles, threads, checksum, retry, retryWait, log, whatIf, verbose, output,
            };
            // Synchronous on purpose: an async action costs a short run (a no-change pass) the JIT of S.CL's async pipeline.
            command.SetAction(parse =>
            {
                bool json = parse.GetValue(output) == OutputFormat.Json;
                bool listOnly = parse.GetValue(whatIf);
                var request = new BlobCopyRequest
                {
                    Source = parse.GetValue(source)!,
                    Destination = parse.GetValue(destination)!,
                    Mirror = parse.GetValue(mirror),
                    Force = parse.GetValue(force),
                    Folders = parse.GetValue(folders) ?? Array.Empty<string>(),
                    ExcludeDirectories = parse.GetValue(excludeDirs) ?? Array.Empty<string>(),
                    ExcludeFiles = parse.GetValue(excludeFiles) ?? Array.Empty<string>(),
                    ThreadCount = parse.GetValue(threads),
                    Checksum = parse.GetValue(checksum),
                    Retry = parse.GetValue(retry),
                    RetryWait = TimeSpan.FromSeconds(parse.GetValue(retryWait)),
                    LogPath = parse.GetValue(log),
                    ListOnly = listOnly,
                };
                BlobCopySummary summary;
                // Ctrl+C stops the copy between files (what was renamed into place stays; temporaries go on the next run).
                using var cancel = new CancellationTokenSource();
                ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
                Console.CancelKeyPress += onCancel;
                try
                {
                    summary = BlobCopier.CopyAsync(request, new CliObserver(context.Error, parse.GetValue(verbose), listOnly, json ? context.Error : context.Out), cancel.Token).GetAwaiter().GetResult();
                }
                catch (OctoHaException ex)
                {
                    context.Error.WriteLine($"octoha: {ex.ErrorId}: {ex.Message}");
                    return Fatal;
                }
                catch (Exception) when (cancel.IsCancellationRequested)
                {
                    context.Error.WriteLine("octoha: cancelled. Every file renamed into place is complete; run the same command again to finish.");
                    return Fatal;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // Anything unforeseen is still robocopy's "fatal": a script must never read it as "files copied".
                    context.Error.WriteLine($"octoha: BlobCopyFatal: {ex.Message}");
                    return Fatal;
                }
                finally
                {
                    Console.CancelKeyPress -= onCancel;
                }
                if (json) BlobSummaryJson.Write(context.Out, summary);
                else WriteTable(context.Out, summary);
                return summary.ExitCode;
            });
            return command;
        }

        private static void WriteTable(TextWriter w, BlobCopySummary s)
        {
            w.WriteLine($"Source      : {s.Source}");
            w.WriteLine($"Destination : {s.Destination}{(s.Mirror ? "  (mirror)" : "")}{(s.ListOnly ? "  (what if: nothing changed)" : "")}");
            w.WriteLine();
            w.WriteLine($"{"",8}{"Total",12}{"Copied",12}{"Skipped",12}{"Mismatch",12}{"FAILED",12}{"Extras",12}");
            foreach (var (name, c) in new[] { ("Dirs", s.Dirs), ("Files", s.Files), ("Bytes", s.Bytes) })
            {
                w.WriteLine($"{name + " :",8}{c.Total,12}{c.Copied,12}{c.Skipped,12}{c.Mismatch,12}{c.Failed,12}{c.Extras,12}");
            }
            w.WriteLine();
            w.WriteLine($"Duration : {s.Duration:hh\\:mm\\:ss\\.fff}   Speed : {(s.BytesPerSecond / 1048576).ToString("N1", CultureInfo.InvariantCulture)} MB/s   Exit code : {s.ExitCode}");
            foreach (var failure in s.Failures) w.WriteLine($"FAILED   {failure}");
        }
    }
}
