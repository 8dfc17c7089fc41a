using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using OctoHa.Blob;
using OctoHa.Tests.Storage;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Cli
{
    /// <summary>`octoha storage new|test` as a real process on real folders, with a STAND-IN Octopus.Server recording its arguments.</summary>
    public sealed class StorageCliTests : IDisposable
    {
        private readonly StorageFixture _fx = new StorageFixture();
        private readonly StandInProgram _server;
        private readonly string _table;

        public StorageCliTests()
        {
            _server = new StandInProgram(_fx.Root, "Octopus.Server");
            _table = _fx.MountTable(StorageFixture.Info(20, "/", "overlay", "overlay"), StorageFixture.Info(21, NativePathsForTests.Real(_fx.Root), "nfs4", "filer:/octopus"));
        }

        public void Dispose() => _fx.Dispose();

        [Fact]
        public async Task New_creates_the_folders_and_links_runs_the_command_and_prints_json()
        {
            var result = await CliProcess.RunAsync(new[]
            {
                "storage", "new", _fx.Share, "--link-path", _fx.Links, "--server-path", _server.ProgramPath, "--instance", "OctopusServer",
                "--mount-table", _table, "--latency-samples", "3", "--output", "json",
            });
            Assert.True(result.ExitCode == 0, result.Stderr);
            using var doc = JsonDocument.Parse(result.Stdout);
            var r = doc.RootElement;
            Assert.Equal(_fx.Share, r.GetProperty("Path").GetString());
            Assert.Equal(BlobFolders.All, r.GetProperty("FoldersCreated").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(6, r.GetProperty("Links").GetArrayLength());
            Assert.Equal("Created", r.GetProperty("Links")[0].GetProperty("Status").GetString());
            Assert.Equal("Pass", r.GetProperty("Checks")[0].GetProperty("Status").GetString());
            Assert.True(r.GetProperty("ClusterSharedSet").GetBoolean());
            Assert.Equal(new[] { $"path --clusterShared {_fx.Share} --instance OctopusServer" }, _server.Calls());
            Assert.Equal(Path.Combine(_fx.Share, "Telemetry"), new DirectoryInfo(Path.Combine(_fx.Links, "Telemetry")).LinkTarget);
        }

        [Fact]
        public async Task New_what_if_prints_every_step_and_changes_nothing()
        {
            var result = await CliProcess.RunAsync(new[] { "storage", "new", _fx.Share, "--link-path", _fx.Links, "--server-path", _server.ProgramPath, "--what-if" });
            Assert.Equal(0, result.ExitCode);
            Assert.Contains($"What if: Create the shared storage root folder on {_fx.Share}.", result.Stdout, StringComparison.Ordinal);
            Assert.Contains($"What if: Create folder on {Path.Combine(_fx.Share, "EventExports")}.", result.Stdout, StringComparison.Ordinal);
            Assert.Contains($"What if: Create a symbolic link to {Path.Combine(_fx.Share, "TaskLogs")} on {Path.Combine(_fx.Links, "TaskLogs")}.", result.Stdout, StringComparison.Ordinal);
            Assert.Contains($"What if: Run {_server.ProgramPath} path --clusterShared {_fx.Share} on {_fx.Share}.", result.Stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_fx.Share));
            Assert.False(Directory.Exists(_fx.Links));
            Assert.Empty(_server.Calls());
        }

        [Fact]
        public async Task New_twice_reports_the_folders_already_there_in_the_table()
        {
            string[] args = { "storage", "new", _fx.Share, "--server-path", _server.ProgramPath, "--mount-table", _table, "--latency-samples", "2" };
            Assert.Equal(0, (await CliProcess.RunAsync(args)).ExitCode);
            var again = await CliProcess.RunAsync(args);
            Assert.Equal(0, again.ExitCode);
            Assert.Contains("Created:        (none)", again.Stdout, StringComparison.Ordinal);
            Assert.Contains("Already there:  TaskLogs, Artifacts, Packages, Imports, EventExports, Telemetry", again.Stdout, StringComparison.Ordinal);
            Assert.Contains($"ClusterShared:  set: {_server.ProgramPath} path --clusterShared {_fx.Share}", again.Stdout, StringComparison.Ordinal);
        }

        [Fact]
        public async Task New_refuses_a_link_folder_with_data_with_exit_1_and_the_error_id()
        {
            Directory.CreateDirectory(Path.Combine(_fx.Links, "TaskLogs"));
            File.WriteAllText(Path.Combine(_fx.Links, "TaskLogs", "ServerTasks-1.log.txt"), "log");
            var result = await CliProcess.RunAsync(new[] { "storage", "new", _fx.Share, "--link-path", _fx.Links, "--skip-cluster-shared" });
            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("octoha: LinkFolderHasData: ", result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_fx.Share));
        }

        [Fact]
        public async Task Test_exits_0_when_nothing_fails_and_prints_one_row_per_check()
        {
            string share = _fx.FullShare();
            var table = await CliProcess.RunAsync(new[] { "storage", "test", share, "--mount-table", _table, "--latency-samples", "3" });
            Assert.Equal(0, table.ExitCode);
            string[] lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Check", lines[0], StringComparison.Ordinal);
            Assert.Equal(new[] { "Reachable", "Writable", "Lock", "Latency", "FreeSpace", "Folders", "LocalDisk", "MappedDrive", "Mount" },
                lines.Skip(2).Select(l => l.Split(' ')[0]));

            var json = await CliProcess.RunAsync(new[] { "storage", "test", share, "--mount-table", _table, "--latency-samples", "3", "--free-space-warn-gb", "100000000", "--output", "json" });
            Assert.Equal(0, json.ExitCode); // a Warn is not a failure
            using var doc = JsonDocument.Parse(json.Stdout);
            var free = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("Check").GetString() == "FreeSpace");
            Assert.Equal("Warn", free.GetProperty("Status").GetString());
        }

        [Fact]
        public async Task Test_exits_1_when_a_check_fails()
        {
            var result = await CliProcess.RunAsync(new[] { "storage", "test", _fx.Share, "--mount-table", _table, "--output", "json" });
            Assert.Equal(1, result.ExitCode);
            using var doc = JsonDocument.Parse(result.Stdout);
            Assert.Equal("Fail", doc.RootElement[0].GetProperty("Status").GetString());
            Assert.Equal("Reachable", doc.RootElement[0].GetProperty("Check").GetString());
        }

        [Fact]
        public async Task Test_with_bad_thresholds_exits_2()
        {
            var result = await CliProcess.RunAsync(new[] { "storage", "test", _fx.Root, "--latency-warn-ms", "500", "--latency-fail-ms", "100" });
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("InvalidLatencyThresholds", result.Stderr, StringComparison.Ordinal);
        }
    }
}
