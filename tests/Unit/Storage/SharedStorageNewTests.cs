using System;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Blob;
using OctoHa.Storage;
using OctoHa.Tests.TestSupport;
using Xunit;
using OctoHa.Processes;

namespace OctoHa.Tests.Storage
{
    /// <summary>
    /// New-OctoHaSharedStorage's engine on real folders and real symbolic links, with a STAND-IN Octopus.Server (the
    /// real one cannot run here) that records the command it is given.
    /// </summary>
    public sealed class SharedStorageNewTests : IDisposable
    {
        private readonly StorageFixture _fx = new StorageFixture();
        private readonly StandInProgram _server;

        public SharedStorageNewTests() => _server = new StandInProgram(_fx.Root, "Octopus.Server");

        public void Dispose() => _fx.Dispose();

        private SharedStorageRequest Request(string? linkPath = null) => new SharedStorageRequest
        {
            Path = _fx.Share,
            LinkPath = linkPath,
            ServerPath = _server.ProgramPath,
            LatencySamples = 3,
            MountTable = _fx.MountTable(StorageFixture.Info(20, "/", "overlay", "overlay"), StorageFixture.Info(21, NativePathsForTests.Real(_fx.Root), "nfs4", "filer:/octopus")),
        };

        [Fact]
        public void Creates_the_root_and_six_folders_checks_them_and_runs_path_clusterShared_with_the_root()
        {
            var observer = new RecordingObserver();
            var result = SharedStorage.New(Request(), observer, CancellationToken.None);

            Assert.True(result.RootCreated);
            Assert.Equal(BlobFolders.All, result.FoldersCreated);
            Assert.Empty(result.FoldersExisting);
            Assert.All(BlobFolders.All, f => Assert.True(Directory.Exists(Path.Combine(_fx.Share, f)), f));
            Assert.Equal(BlobFolders.All.OrderBy(f => f, StringComparer.Ordinal), StorageFixture.Entries(_fx.Share));
            Assert.Equal(StorageChecks.All, result.Checks.Select(c => c.Check));
            Assert.All(result.Checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
            Assert.Equal(new[] { "path --clusterShared " + _fx.Share }, _server.Calls());
            Assert.Equal($"{_server.ProgramPath} path --clusterShared {_fx.Share}", result.ClusterSharedCommand);
            Assert.True(result.ClusterSharedSet);
            Assert.Empty(observer.Warnings);
        }

        [Fact]
        public void A_second_run_creates_nothing_asks_for_no_folder_and_runs_the_command_again()
        {
            SharedStorage.New(Request(), null, CancellationToken.None);
            var observer = new RecordingObserver();
            var again = SharedStorage.New(Request(), observer, CancellationToken.None);

            Assert.False(again.RootCreated);
            Assert.Empty(again.FoldersCreated);
            Assert.Equal(BlobFolders.All, again.FoldersExisting);
            Assert.DoesNotContain(observer.Asked, a => a.Action.StartsWith("Create", StringComparison.Ordinal));
            Assert.Equal(2, _server.Calls().Length);
        }

        [Fact]
        public void The_instance_is_passed_when_given()
        {
            var request = Request();
            request.Instance = "OctopusHA";
            var result = SharedStorage.New(request, null, CancellationToken.None);
            Assert.Equal(new[] { $"path --clusterShared {_fx.Share} --instance OctopusHA" }, _server.Calls());
            Assert.EndsWith("--instance OctopusHA", result.ClusterSharedCommand, StringComparison.Ordinal);
        }

        [Fact]
        public void What_if_describes_every_step_and_changes_nothing()
        {
            var observer = new RecordingObserver(approve: false);
            var request = Request(_fx.Links);
            request.Instance = "OctopusServer";
            var result = SharedStorage.New(request, observer, CancellationToken.None);

            Assert.False(Directory.Exists(_fx.Share));
            Assert.False(Directory.Exists(_fx.Links));
            Assert.Empty(_server.Calls());
            Assert.False(result.ClusterSharedSet);
            Assert.Empty(result.Checks);
            var asked = observer.Asked.ToList();
            Assert.Equal((_fx.Share, "Create the shared storage root folder"), asked[0]);
            Assert.Equal(BlobFolders.All.Select(f => (Path.Combine(_fx.Share, f), "Create folder")), asked.Skip(1).Take(6));
            Assert.Equal((_fx.Links, "Create the folder for the links"), asked[7]);
            Assert.Equal(BlobFolders.All.Select(f => (Path.Combine(_fx.Links, f), "Create a symbolic link to " + Path.Combine(_fx.Share, f))), asked.Skip(8).Take(6));
            Assert.StartsWith("Check the storage", asked[14].Action, StringComparison.Ordinal);
            Assert.Equal((_fx.Share, $"Run {_server.ProgramPath} path --clusterShared {_fx.Share} --instance OctopusServer"), asked[15]);
            Assert.Equal(16, asked.Count);
            Assert.All(result.Links, l => Assert.Equal(SharedStorageLink.NotCreated, l.Status));
        }

        [Fact]
        public void Link_path_gets_a_real_symbolic_link_per_folder_and_a_second_run_finds_them()
        {
            var result = SharedStorage.New(Request(_fx.Links), null, CancellationToken.None);

            Assert.Equal(6, result.Links.Count);
            foreach (string folder in BlobFolders.All)
            {
                var link = new DirectoryInfo(Path.Combine(_fx.Links, folder));
                Assert.Equal(Path.Combine(_fx.Share, folder), link.LinkTarget);
            }
            Assert.All(result.Links, l => Assert.Equal(SharedStorageLink.Created, l.Status));
            // Written through the link, read on the share: the link really leads there.
            File.WriteAllText(Path.Combine(_fx.Links, "TaskLogs", "ServerTasks-1.log.txt"), "log");
            Assert.Equal("log", File.ReadAllText(Path.Combine(_fx.Share, "TaskLogs", "ServerTasks-1.log.txt")));

            var observer = new RecordingObserver();
            var again = SharedStorage.New(Request(_fx.Links), observer, CancellationToken.None);
            Assert.All(again.Links, l => Assert.Equal(SharedStorageLink.Existing, l.Status));
            Assert.DoesNotContain(observer.Asked, a => a.Action.Contains("symbolic link", StringComparison.Ordinal));
        }

        [Fact]
        public void An_empty_real_folder_is_replaced_by_the_link()
        {
            Directory.CreateDirectory(Path.Combine(_fx.Links, "Artifacts"));
            var result = SharedStorage.New(Request(_fx.Links), null, CancellationToken.None);
            Assert.Equal(SharedStorageLink.ReplacedEmptyFolder, result.Links.Single(l => l.Path.EndsWith("Artifacts", StringComparison.Ordinal)).Status);
            Assert.Equal(Path.Combine(_fx.Share, "Artifacts"), new DirectoryInfo(Path.Combine(_fx.Links, "Artifacts")).LinkTarget);
        }

        [Fact]
        public void A_folder_with_data_where_a_link_belongs_is_refused_and_nothing_is_changed()
        {
            string packages = Path.Combine(_fx.Links, "Packages");
            Directory.CreateDirectory(packages);
            File.WriteAllText(Path.Combine(packages, "Acme.Web.1.0.0.nupkg"), "package");

            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(Request(_fx.Links), null, CancellationToken.None));

            Assert.Equal("LinkFolderHasData", ex.ErrorId);
            Assert.Contains($"'{packages}' is a folder with data in it", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Copy-OctoHaBlobData", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith("Nothing was changed.", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_fx.Share));
            Assert.Equal(new[] { "Packages" }, StorageFixture.Entries(_fx.Links));
            Assert.Equal("package", File.ReadAllText(Path.Combine(packages, "Acme.Web.1.0.0.nupkg")));
            Assert.Empty(_server.Calls());
        }

        [Fact]
        public void A_link_that_points_elsewhere_is_refused_and_left_alone()
        {
            string elsewhere = Path.Combine(_fx.Root, "old-share", "TaskLogs");
            Directory.CreateDirectory(elsewhere);
            Directory.CreateDirectory(_fx.Links);
            Directory.CreateSymbolicLink(Path.Combine(_fx.Links, "TaskLogs"), elsewhere);

            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(Request(_fx.Links), null, CancellationToken.None));

            Assert.Equal("LinkPathInUse", ex.ErrorId);
            Assert.Contains($"is a link to '{elsewhere}', not to '{Path.Combine(_fx.Share, "TaskLogs")}'", ex.Message, StringComparison.Ordinal);
            Assert.Equal(elsewhere, new DirectoryInfo(Path.Combine(_fx.Links, "TaskLogs")).LinkTarget);
            Assert.False(Directory.Exists(_fx.Share));
            Assert.Equal(new[] { "TaskLogs" }, StorageFixture.Entries(_fx.Links));
        }

        [Fact]
        public void A_dangling_link_is_judged_by_where_it_points()
        {
            Directory.CreateDirectory(_fx.Links);
            string gone = Path.Combine(_fx.Root, "retired-share", "Packages");
            Directory.CreateSymbolicLink(Path.Combine(_fx.Links, "Packages"), gone);
            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(Request(_fx.Links), null, CancellationToken.None));
            Assert.Equal("LinkPathInUse", ex.ErrorId);
            Assert.Contains($"is a link to '{gone}'", ex.Message, StringComparison.Ordinal);

            // A link made earlier to the right folder, before the share had it, is kept.
            File.Delete(Path.Combine(_fx.Links, "Packages"));
            Directory.CreateSymbolicLink(Path.Combine(_fx.Links, "Packages"), Path.Combine(_fx.Share, "Packages"));
            var result = SharedStorage.New(Request(_fx.Links), null, CancellationToken.None);
            Assert.Equal(SharedStorageLink.Existing, result.Links.Single(l => l.Path.EndsWith("Packages", StringComparison.Ordinal)).Status);
            Assert.True(Directory.Exists(Path.Combine(_fx.Links, "Packages")));
        }

        [Fact]
        public void Link_path_equal_to_the_root_is_refused()
        {
            var request = Request(_fx.Share);
            Assert.Equal("LinkPathIsRoot", Assert.Throws<OctoHaException>(() => SharedStorage.New(request, null, CancellationToken.None)).ErrorId);
            Assert.False(Directory.Exists(_fx.Share));
        }

        [Fact]
        public void A_file_where_a_blob_folder_belongs_is_refused_before_any_change()
        {
            Directory.CreateDirectory(_fx.Share);
            File.WriteAllText(Path.Combine(_fx.Share, "Imports"), "x");
            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(Request(), null, CancellationToken.None));
            Assert.Equal("BlobFolderIsFile", ex.ErrorId);
            Assert.Equal(new[] { "Imports" }, StorageFixture.Entries(_fx.Share));
        }

        [Fact]
        public void A_failing_clusterShared_step_says_what_was_done_and_how_to_run_it_by_hand()
        {
            _server.FailOn("path");
            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(Request(), null, CancellationToken.None));

            Assert.Equal("ClusterSharedFailed", ex.ErrorId);
            string command = $"{_server.ProgramPath} path --clusterShared {_fx.Share}";
            Assert.StartsWith($"`{command}` failed with exit code 3: Error: path failed", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Done so far: created the root; created TaskLogs, Artifacts, Packages, Imports, EventExports, Telemetry.", ex.Message, StringComparison.Ordinal);
            Assert.EndsWith("run the step by hand: " + command, ex.Message, StringComparison.Ordinal);
            Assert.All(BlobFolders.All, f => Assert.True(Directory.Exists(Path.Combine(_fx.Share, f))));
        }

        [Fact]
        public void A_failing_check_stops_before_the_clusterShared_step()
        {
            var request = Request();
            request.LatencyWarning = TimeSpan.Zero;
            request.LatencyFailure = TimeSpan.Zero;
            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(request, null, CancellationToken.None));
            Assert.Equal("StorageCheckFailed", ex.ErrorId);
            Assert.Contains("the clusterShared step was not run: Latency:", ex.Message, StringComparison.Ordinal);
            Assert.Empty(_server.Calls());
        }

        [Fact]
        public void Warnings_from_the_checks_do_not_stop_it()
        {
            var request = Request();
            request.FreeSpaceWarning = long.MaxValue;
            var observer = new RecordingObserver();
            var result = SharedStorage.New(request, observer, CancellationToken.None);
            Assert.True(result.ClusterSharedSet);
            Assert.Contains(observer.Warnings, w => w.StartsWith("FreeSpace: ", StringComparison.Ordinal));
        }

        [Fact]
        public void Skip_cluster_shared_runs_nothing_but_still_gives_the_command_to_run_on_one_node()
        {
            var request = Request();
            request.SkipClusterShared = true;
            request.ServerPath = "/no/such/Octopus.Server"; // not needed when skipped
            var observer = new RecordingObserver();
            var result = SharedStorage.New(request, observer, CancellationToken.None);
            Assert.False(result.ClusterSharedSet);
            Assert.Equal($"/no/such/Octopus.Server path --clusterShared {_fx.Share}", result.ClusterSharedCommand);
            Assert.Contains(observer.VerboseMessages, m => m.Contains("run it once, on one node", StringComparison.Ordinal));
        }

        [Fact]
        public void A_server_program_that_is_not_there_is_refused_before_any_change()
        {
            var request = Request();
            request.ServerPath = Path.Combine(_fx.Root, "missing", "Octopus.Server");
            var ex = Assert.Throws<OctoHaException>(() => SharedStorage.New(request, null, CancellationToken.None));
            Assert.Equal("OctopusServerNotFound", ex.ErrorId);
            Assert.Contains("-SkipClusterShared", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(_fx.Share));
        }

        [Fact]
        public void A_service_account_off_Windows_is_a_warning_and_no_grant()
        {
            var request = Request();
            request.ServiceAccount = @"CORP\svc-octopus";
            var observer = new RecordingObserver();
            var result = SharedStorage.New(request, observer, CancellationToken.None);
            Assert.False(result.AccessGranted);
            Assert.Equal(@"CORP\svc-octopus", result.ServiceAccount);
            Assert.Contains(observer.Warnings, w => w.StartsWith(@"The service account grant applies to Windows only; nothing was granted to 'CORP\svc-octopus'.", StringComparison.Ordinal));
            Assert.True(result.ClusterSharedSet);
        }

        [Fact]
        public void The_grant_is_icacls_full_control_inherited_by_folders_and_files()
        {
            Assert.Equal(@"icacls \\filer\Octopus /grant CORP\svc-octopus:(OI)(CI)F", ClusterShared.GrantCommand(@"\\filer\Octopus", @"CORP\svc-octopus").Render());
            Assert.Equal(@"icacls ""\\filer\Octopus Data"" /grant ""NT Service\OctopusDeploy:(OI)(CI)F""",
                ClusterShared.GrantCommand(@"\\filer\Octopus Data", @"NT Service\OctopusDeploy").Render());
        }

        [Fact]
        public void An_account_name_with_quotes_is_refused()
        {
            var request = Request();
            request.ServiceAccount = "svc\" /deny Everyone:F";
            Assert.Equal("InvalidServiceAccount", Assert.Throws<OctoHaException>(() => SharedStorage.New(request, null, CancellationToken.None)).ErrorId);
            Assert.False(Directory.Exists(_fx.Share));
        }

        [Fact]
        public void The_default_server_paths_are_the_documented_ones()
        {
            Assert.Equal(@"C:\Program Files\Octopus Deploy\Octopus\Octopus.Server.exe", OctopusServerProgram.WindowsPath);
            Assert.Equal("/Octopus/Octopus.Server", OctopusServerProgram.LinuxPath);
            Assert.Equal(@"""C:\Program Files\Octopus Deploy\Octopus\Octopus.Server.exe"" path --clusterShared \\OctoShared\OctopusData",
                ClusterShared.PathCommand(OctopusServerProgram.WindowsPath, @"\\OctoShared\OctopusData", null).Render());
        }
    }
}
