using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OctoHa.Cli.Output;
using OctoHa.Storage;
using OctoHa.Processes;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha storage new|test`: the twins of New-OctoHaSharedStorage and Test-OctoHaSharedStorage.</summary>
    internal static class StorageCommands
    {
        public static Command Build(CliContext context)
        {
            var storage = new Command("storage", "Prepare and check the shared storage every node uses for blob data.");
            storage.Subcommands.Add(New(context));
            storage.Subcommands.Add(Test(context));
            return storage;
        }

        /// <summary>The thresholds of the checks, shared by both verbs.</summary>
        private sealed class LimitOptions
        {
            public Option<int> WarnMs { get; } = new Option<int>("--latency-warn-ms") { Description = "Latency is Warn above this median small-file round trip, in ms.", DefaultValueFactory = _ => 50 };
            public Option<int> FailMs { get; } = new Option<int>("--latency-fail-ms") { Description = "Latency is Fail above this median, in ms.", DefaultValueFactory = _ => 1000 };
            public Option<int> Samples { get; } = new Option<int>("--latency-samples") { Description = "Small-file round trips to take the median of.", DefaultValueFactory = _ => StorageCheckLimits.DefaultLatencySamples };
            public Option<int> FreeGb { get; } = new Option<int>("--free-space-warn-gb") { Description = "FreeSpace is Warn below this many GiB free.", DefaultValueFactory = _ => 10 };
            public Option<string?> MountTable { get; } = new Option<string?>("--mount-table") { Description = "The Linux mount table to read (default /proc/self/mountinfo, else /proc/mounts)." };

            public void AddTo(Command command)
            {
                command.Options.Add(WarnMs);
                command.Options.Add(FailMs);
                command.Options.Add(Samples);
                command.Options.Add(FreeGb);
                command.Options.Add(MountTable);
            }

            public void Fill(ParseResult parse, StorageCheckLimits limits)
            {
                int warn = parse.GetValue(WarnMs), fail = parse.GetValue(FailMs), gb = parse.GetValue(FreeGb);
                if (warn < 0 || fail < 0 || gb < 0)
                    throw new OctoHaException("InvalidThreshold", OctoHaErrorKind.InvalidArgument, "The thresholds cannot be negative.");
                limits.LatencyWarning = TimeSpan.FromMilliseconds(warn);
                limits.LatencyFailure = TimeSpan.FromMilliseconds(fail);
                limits.LatencySamples = parse.GetValue(Samples);
                limits.FreeSpaceWarning = gb * StorageCheckLimits.GiB;
                limits.MountTable = parse.GetValue(MountTable);
            }
        }

        private static Command New(CliContext context)
        {
            var root = new Argument<string>("root") { Description = "The shared storage root: \\\\server\\share\\Octopus on Windows, a mounted share such as /mnt/octopus on Linux." };
            var linkPath = new Option<string?>("--link-path") { Description = "A local folder (C:\\Octopus) that gets a symbolic link per blob folder, pointing into the root." };
            var account = new Option<string?>("--service-account") { Description = "Windows: give this account (DOMAIN\\svc-octopus) full control of the root with icacls." };
            var serverPath = new Option<string?>("--server-path") { Description = $"The Octopus.Server program (default {OctopusServerProgram.LinuxPath}, or {OctopusServerProgram.WindowsPath} on Windows)." };
            var instance = new Option<string?>("--instance") { Description = $"The Octopus Server instance (default: Octopus.Server's own, {OctopusServerProgram.DefaultInstance})." };
            var skip = new Option<bool>("--skip-cluster-shared") { Description = "Do not run `Octopus.Server path --clusterShared`: it is stored in the database, so only one node runs it, once." };
            var whatIf = new Option<bool>("--what-if") { Description = "Describe every step (folders, links, grant, checks, the command) and change nothing." };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };
            var output = Outputs.CreateOption();
            var limits = new LimitOptions();
            var command = new Command("new",
                "Create the six blob folders (TaskLogs, Artifacts, Packages, Imports, EventExports, Telemetry) under the root, optionally link a local folder " +
                "to them and grant the service account, check the storage, then run `Octopus.Server path --clusterShared ROOT`. Safe to run again.")
            {
                root, linkPath, account, serverPath, instance, skip, whatIf, verbose, output,
            };
            limits.AddTo(command);
            command.SetAction((parse, ct) =>
            {
                var request = new SharedStorageRequest
                {
                    Path = parse.GetValue(root) ?? "",
                    LinkPath = parse.GetValue(linkPath),
                    ServiceAccount = parse.GetValue(account),
                    ServerPath = parse.GetValue(serverPath),
                    Instance = parse.GetValue(instance),
                    SkipClusterShared = parse.GetValue(skip),
                };
                limits.Fill(parse, request);
                bool json = parse.GetValue(output) == OutputFormat.Json;
                bool what = parse.GetValue(whatIf);
                var observer = new CliObserver(context.Error, parse.GetValue(verbose), what, json ? context.Error : context.Out);
                var result = SharedStorage.New(request, observer, ct);
                return Task.FromResult(PrintNew(context, json, what, result));
            });
            return command;
        }

        private static Command Test(CliContext context)
        {
            var root = new Argument<string>("root") { Description = "The shared storage root to check." };
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };
            var output = Outputs.CreateOption();
            var limits = new LimitOptions();
            var command = new Command("test",
                "Check a shared storage root: Reachable, Writable, Lock, Latency, FreeSpace, Folders, LocalDisk, MappedDrive, Mount, each Pass, Warn or Fail with the reason. " +
                "Exit code 0 when nothing Fails (Warn included), 1 when a check Fails.")
            {
                root, verbose, output,
            };
            limits.AddTo(command);
            command.SetAction((parse, ct) =>
            {
                var request = new SharedStorageTestRequest { Path = parse.GetValue(root) ?? "" };
                limits.Fill(parse, request);
                var checks = SharedStorageTester.Test(request, new CliObserver(context.Error, parse.GetValue(verbose)), ct);
                if (parse.GetValue(output) == OutputFormat.Json) Outputs.WriteJson(context.Out, checks.ToList());
                else WriteChecks(context.Out, checks);
                return Task.FromResult(checks.Any(c => c.Status == CheckStatus.Fail) ? ExitCodes.Failed : ExitCodes.Success);
            });
            return command;
        }

        private static void WriteChecks(TextWriter o, IEnumerable<CheckResult> checks) =>
            TableWriter.Write(o, checks, ("Check", c => c.Check), ("Status", c => c.Status), ("Value", c => c.Value), ("Reason", c => c.Reason));

        private static int PrintNew(CliContext context, bool json, bool whatIf, SharedStorageResult r)
        {
            if (json)
            {
                Outputs.WriteJson(context.Out, r);
                return ExitCodes.Success;
            }
            if (whatIf) return ExitCodes.Success; // the "What if:" lines were the output
            TextWriter o = context.Out;
            o.WriteLine($"Path:           {r.Path}" + (r.RootCreated ? " (created)" : ""));
            o.WriteLine($"Created:        {(r.FoldersCreated.Count == 0 ? "(none)" : string.Join(", ", r.FoldersCreated))}");
            o.WriteLine($"Already there:  {(r.FoldersExisting.Count == 0 ? "(none)" : string.Join(", ", r.FoldersExisting))}");
            foreach (var link in r.Links) o.WriteLine($"Link:           {link.Path} -> {link.Target} ({link.Status})");
            if (r.ServiceAccount != null) o.WriteLine($"Access:         {r.ServiceAccount} {(r.AccessGranted ? "granted full control" : "not granted (Windows only)")}");
            o.WriteLine($"ClusterShared:  {(r.ClusterSharedSet ? "set" : "not run - run once, on one node")}: {r.ClusterSharedCommand}");
            if (r.Checks.Count > 0)
            {
                o.WriteLine();
                WriteChecks(o, r.Checks);
            }
            return ExitCodes.Success;
        }
    }
}
