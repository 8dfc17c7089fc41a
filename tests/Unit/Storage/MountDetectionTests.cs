using System;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Storage;
using Xunit;

namespace OctoHa.Tests.Storage
{
    /// <summary>The Mount check on Linux, from mount tables the tests write (mountinfo and /proc/mounts formats), for a real folder.</summary>
    public sealed class MountDetectionTests : IDisposable
    {
        private readonly StorageFixture _fx = new StorageFixture();

        public void Dispose() => _fx.Dispose();

        private CheckResult Mount(string table)
        {
            string share = _fx.FullShare();
            var checks = SharedStorageTester.Test(new SharedStorageTestRequest { Path = share, MountTable = table, LatencySamples = 1 }, null, CancellationToken.None);
            return checks.Single(c => c.Check == StorageChecks.Mount);
        }

        // The test folder's real path, as the kernel would list its mount point.
        private string Real => NativePathsForTests.Real(_fx.Root);

        [Theory]
        [InlineData("nfs4", "filer.example.com:/export/octopus")]
        [InlineData("cifs", "//filer.example.com/octopus")]
        [InlineData("fuse.blobfuse2", "blobfuse2")]
        [InlineData("9p", "drvfs")]
        public void A_network_filesystem_passes_naming_type_and_source(string type, string source)
        {
            var m = Mount(_fx.MountTable(StorageFixture.Info(20, "/", "overlay", "overlay"), StorageFixture.Info(30, Real, type, source)));
            Assert.Equal(CheckStatus.Pass, m.Status);
            Assert.Equal($"On a network share: {type} from {source}, mounted at {Real}.", m.Reason);
            Assert.Equal($"{type} {source} on {Real}", m.Value);
        }

        [Fact]
        public void A_separate_volume_mount_passes_as_a_volume_mount()
        {
            var m = Mount(_fx.MountTable(StorageFixture.Info(20, "/", "overlay", "overlay"), StorageFixture.Info(31, Real, "ext4", "/dev/sdb1")));
            Assert.Equal(CheckStatus.Pass, m.Status);
            Assert.StartsWith("On a volume mount: ext4 from /dev/sdb1 at " + Real, m.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void The_overlay_root_of_a_container_warns()
        {
            var m = Mount(_fx.MountTable(StorageFixture.Info(20, "/", "overlay", "overlay"), StorageFixture.Info(21, "/proc", "proc", "proc")));
            Assert.Equal(CheckStatus.Warn, m.Status);
            Assert.StartsWith("On the container's own filesystem (overlay at /)", m.Reason, StringComparison.Ordinal);
            Assert.Contains("volume", m.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void The_root_filesystem_of_a_machine_warns_as_a_local_disk()
        {
            var m = Mount(_fx.MountTable(StorageFixture.Info(20, "/", "ext4", "/dev/sda1"), StorageFixture.Info(21, "/mnt/other", "nfs4", "filer:/x")));
            Assert.Equal(CheckStatus.Warn, m.Status);
            Assert.StartsWith("On this machine's root filesystem (ext4 from /dev/sda1), a local disk", m.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void Tmpfs_warns_that_it_lives_only_on_this_machine()
        {
            var m = Mount(_fx.MountTable(StorageFixture.Info(20, "/", "ext4", "/dev/sda1"), StorageFixture.Info(21, Real, "tmpfs", "tmpfs")));
            Assert.Equal(CheckStatus.Warn, m.Status);
            Assert.StartsWith("On tmpfs at " + Real, m.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void The_longest_mount_point_wins_and_a_later_mount_over_the_same_point_hides_the_earlier()
        {
            string parent = Path.GetDirectoryName(Real)!;
            var m = Mount(_fx.MountTable(
                StorageFixture.Info(20, "/", "ext4", "/dev/sda1"),
                StorageFixture.Info(21, parent, "nfs4", "filer:/parent"),
                StorageFixture.Info(22, Real, "ext4", "/dev/sdc1"),
                StorageFixture.Info(23, Real, "cifs", "//filer/octopus"),
                StorageFixture.Info(24, Real + "-sibling", "tmpfs", "tmpfs")));
            Assert.Equal(CheckStatus.Pass, m.Status);
            Assert.Equal($"cifs //filer/octopus on {Real}", m.Value);
        }

        [Fact]
        public void The_proc_mounts_format_is_read_too()
        {
            var m = Mount(_fx.MountTable("overlay / overlay rw,relatime 0 0", $"filer:/export {Real} nfs rw,vers=3 0 0"));
            Assert.Equal(CheckStatus.Pass, m.Status);
            Assert.Equal($"nfs filer:/export on {Real}", m.Value);
        }

        [Fact]
        public void A_mount_point_with_a_space_is_unescaped()
        {
            string spaced = Path.Combine(_fx.Root, "octopus data");
            Directory.CreateDirectory(spaced);
            string table = _fx.MountTable(StorageFixture.Info(20, "/", "ext4", "/dev/sda1"), StorageFixture.Info(21, NativePathsForTests.Real(spaced), "nfs4", "filer:/x"));
            var checks = SharedStorageTester.Test(new SharedStorageTestRequest { Path = spaced, MountTable = table, LatencySamples = 1 }, null, CancellationToken.None);
            Assert.Equal(CheckStatus.Pass, checks.Single(c => c.Check == StorageChecks.Mount).Status);
            Assert.Equal(NativePathsForTests.Real(spaced), MountTable.Parse(File.ReadAllText(table)).Last().MountPoint);
        }

        [Fact]
        public void A_root_reached_through_a_symbolic_link_is_judged_by_where_it_really_is()
        {
            string real = _fx.FullShare();
            string link = Path.Combine(_fx.Root, "via-link");
            Directory.CreateSymbolicLink(link, real);
            string table = _fx.MountTable(StorageFixture.Info(20, "/", "ext4", "/dev/sda1"), StorageFixture.Info(21, NativePathsForTests.Real(real), "nfs4", "filer:/x"));
            var checks = SharedStorageTester.Test(new SharedStorageTestRequest { Path = link, MountTable = table, LatencySamples = 1 }, null, CancellationToken.None);
            Assert.Equal(CheckStatus.Pass, checks.Single(c => c.Check == StorageChecks.Mount).Status);
        }

        [Fact]
        public void A_mount_table_that_cannot_be_read_warns_instead_of_failing()
        {
            var m = Mount(Path.Combine(_fx.Root, "no-such-table"));
            Assert.Equal(CheckStatus.Warn, m.Status);
            Assert.Contains("could not be read", m.Reason, StringComparison.Ordinal);
        }
    }

    internal static class NativePathsForTests
    {
        /// <summary>The path with links resolved, as .NET itself resolves it (the engine uses realpath).</summary>
        public static string Real(string path)
        {
            var info = new DirectoryInfo(path);
            string result = "/";
            foreach (string part in info.FullName.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                string next = Path.Combine(result, part);
                var target = new DirectoryInfo(next).ResolveLinkTarget(returnFinalTarget: true);
                result = target?.FullName ?? next;
            }
            return result;
        }
    }
}
