using System;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Storage;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Storage
{
    /// <summary>Test-OctoHaSharedStorage's engine on real folders: each check, its order, and that only probe files are ever touched.</summary>
    public sealed class SharedStorageTesterTests : IDisposable
    {
        private readonly StorageFixture _fx = new StorageFixture();

        public void Dispose() => _fx.Dispose();

        private static CheckResult Of(System.Collections.Generic.IReadOnlyList<CheckResult> checks, string name) => checks.Single(c => c.Check == name);

        private SharedStorageTestRequest Request(string path) => new SharedStorageTestRequest
        {
            Path = path,
            // A network share, so that the Mount check is about the share and not about this test machine's /tmp.
            MountTable = _fx.MountTable(StorageFixture.Info(21, "/", "overlay", "overlay"), StorageFixture.Info(22, _fx.Root, "nfs4", "filer:/export/octopus")),
        };

        [Fact]
        public void A_prepared_share_passes_every_check_in_the_fixed_order_and_is_left_exactly_as_it_was()
        {
            string share = _fx.FullShare();
            string[] before = StorageFixture.Entries(share);
            var observer = new RecordingObserver();

            var checks = SharedStorageTester.Test(Request(share), observer, CancellationToken.None);

            Assert.Equal(StorageChecks.All, checks.Select(c => c.Check));
            Assert.All(checks, c => Assert.True(c.Status == CheckStatus.Pass, c.ToString()));
            Assert.Equal(before, StorageFixture.Entries(share));
            Assert.Equal("Octopus shared storage - do not delete", File.ReadAllText(Path.Combine(share, "README.txt")));
            Assert.Contains("An exclusive lock was taken, and a second open of the locked file was refused", Of(checks, "Lock").Reason, StringComparison.Ordinal);
            Assert.EndsWith(" ms", Of(checks, "Latency").Value, StringComparison.Ordinal);
            Assert.Contains("median of 20 small-file round trips", Of(checks, "Latency").Reason, StringComparison.Ordinal);
            Assert.EndsWith(" GiB", Of(checks, "FreeSpace").Value, StringComparison.Ordinal);
            Assert.Contains("nfs4 from filer:/export/octopus", Of(checks, "Mount").Reason, StringComparison.Ordinal);
            Assert.Contains("Does not apply", Of(checks, "MappedDrive").Reason, StringComparison.Ordinal);
            Assert.Contains(observer.VerboseMessages, m => m.Contains(StorageChecks.ProbePrefix, StringComparison.Ordinal));
        }

        [Fact]
        public void A_root_that_does_not_exist_fails_reachable_and_every_check_that_needs_it_and_creates_nothing()
        {
            var checks = SharedStorageTester.Test(Request(_fx.Share), null, CancellationToken.None);

            var reachable = Of(checks, "Reachable");
            Assert.Equal(CheckStatus.Fail, reachable.Status);
            Assert.Contains("cannot be reached", reachable.Reason, StringComparison.Ordinal);
            foreach (string dependent in new[] { "Writable", "Lock", "Latency", "FreeSpace", "Folders" })
            {
                Assert.Equal(CheckStatus.Fail, Of(checks, dependent).Status);
                Assert.Equal("Not checked: the root cannot be reached.", Of(checks, dependent).Reason);
            }
            Assert.Equal(StorageChecks.All, checks.Select(c => c.Check));
            Assert.False(Directory.Exists(_fx.Share));
        }

        [Fact]
        public void A_missing_root_under_an_existing_parent_says_to_create_it()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_fx.Share)!);
            var reachable = Of(SharedStorageTester.Test(Request(_fx.Share), null, CancellationToken.None), "Reachable");
            Assert.Equal(CheckStatus.Fail, reachable.Status);
            Assert.Contains("does not exist (its parent", reachable.Reason, StringComparison.Ordinal);
            Assert.Contains("New-OctoHaSharedStorage", reachable.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_root_that_is_a_file_fails_reachable()
        {
            string file = Path.Combine(_fx.Root, "not-a-folder");
            File.WriteAllText(file, "x");
            var reachable = Of(SharedStorageTester.Test(Request(file), null, CancellationToken.None), "Reachable");
            Assert.Equal(CheckStatus.Fail, reachable.Status);
            Assert.Contains("is a file, not a folder", reachable.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Missing_blob_folders_warn_by_name_and_a_file_in_a_folders_place_fails()
        {
            Directory.CreateDirectory(Path.Combine(_fx.Share, "TaskLogs"));
            Directory.CreateDirectory(Path.Combine(_fx.Share, "Artifacts"));
            var folders = Of(SharedStorageTester.Test(Request(_fx.Share), null, CancellationToken.None), "Folders");
            Assert.Equal(CheckStatus.Warn, folders.Status);
            Assert.StartsWith("Missing: Packages, Imports, EventExports, Telemetry.", folders.Reason, StringComparison.Ordinal);
            Assert.Equal("Packages,Imports,EventExports,Telemetry", folders.Value);

            File.WriteAllText(Path.Combine(_fx.Share, "Packages"), "a file where a folder belongs");
            folders = Of(SharedStorageTester.Test(Request(_fx.Share), null, CancellationToken.None), "Folders");
            Assert.Equal(CheckStatus.Fail, folders.Status);
            Assert.StartsWith("Packages is a file, not a folder.", folders.Reason, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_fx.Share, "Packages")));
        }

        [Fact]
        public void Free_space_below_the_threshold_warns_with_the_amount()
        {
            string share = _fx.FullShare();
            var request = Request(share);
            request.FreeSpaceWarning = long.MaxValue;
            var free = Of(SharedStorageTester.Test(request, null, CancellationToken.None), "FreeSpace");
            Assert.Equal(CheckStatus.Warn, free.Status);
            Assert.Contains("below the", free.Reason, StringComparison.Ordinal);
            Assert.EndsWith(" GiB", free.Value, StringComparison.Ordinal);
        }

        [Fact]
        public void Latency_is_judged_against_the_warning_and_failure_thresholds()
        {
            var limits = new SharedStorageTestRequest { LatencyWarning = TimeSpan.FromMilliseconds(50), LatencyFailure = TimeSpan.FromSeconds(1) };
            Assert.Equal(CheckStatus.Pass, ProbeFile.Judge(12.5, 30, 20, limits).Status);
            var warn = ProbeFile.Judge(75, 200, 20, limits);
            Assert.Equal(CheckStatus.Warn, warn.Status);
            Assert.Equal("75 ms", warn.Value);
            Assert.Contains("above the warning threshold of 50 ms", warn.Reason, StringComparison.Ordinal);
            Assert.Contains("same data center or cloud region", warn.Reason, StringComparison.Ordinal);
            var fail = ProbeFile.Judge(1500, 4000, 20, limits);
            Assert.Equal(CheckStatus.Fail, fail.Status);
            Assert.Contains("above the failure threshold of 1000 ms", fail.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void A_zero_latency_limit_fails_the_measured_latency_and_the_sample_count_is_honoured()
        {
            string share = _fx.FullShare();
            var request = Request(share);
            request.LatencyWarning = TimeSpan.Zero;
            request.LatencyFailure = TimeSpan.Zero;
            request.LatencySamples = 3;
            var latency = Of(SharedStorageTester.Test(request, null, CancellationToken.None), "Latency");
            Assert.Equal(CheckStatus.Fail, latency.Status);
            Assert.Contains("median of 3 small-file round trips", latency.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(share), e => Path.GetFileName(e).StartsWith(StorageChecks.ProbePrefix, StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1001)]
        public void A_sample_count_out_of_range_is_refused(int samples)
        {
            var request = Request(_fx.FullShare());
            request.LatencySamples = samples;
            var ex = Assert.Throws<OctoHaException>(() => SharedStorageTester.Test(request, null, CancellationToken.None));
            Assert.Equal("InvalidLatencySamples", ex.ErrorId);
        }

        [Fact]
        public void An_empty_path_and_a_UNC_path_on_Linux_are_refused_as_bad_input()
        {
            Assert.Equal("StoragePathMissing", Assert.Throws<OctoHaException>(() => SharedStorageTester.Test(new SharedStorageTestRequest { Path = " " }, null, CancellationToken.None)).ErrorId);
            var unc = Assert.Throws<OctoHaException>(() => SharedStorageTester.Test(new SharedStorageTestRequest { Path = @"\\filer\octopus" }, null, CancellationToken.None));
            Assert.Equal("UncPathOnUnix", unc.ErrorId);
            Assert.Contains("Mount the share", unc.Message, StringComparison.Ordinal);
        }
    }
}
