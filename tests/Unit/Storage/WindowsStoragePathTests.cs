using System.IO;
using OctoHa.Storage;
using Xunit;

namespace OctoHa.Tests.Storage
{
    /// <summary>
    /// The LocalDisk and MappedDrive checks of a Windows path. Windows cannot run here, so DriveInfo's answer for a
    /// drive letter comes from a STAND-IN lookup; the UNC rules need no stand-in.
    /// </summary>
    public sealed class WindowsStoragePathTests
    {
        private static DriveType? StandInDrives(char letter) => letter switch
        {
            'C' => DriveType.Fixed,
            'X' => DriveType.Network,
            'E' => DriveType.Removable,
            _ => DriveType.NoRootDirectory,
        };

        [Theory]
        [InlineData(@"\\fileserver\OctopusShared", "fileserver")]
        [InlineData(@"\\fileserver.corp.example.com\octo\Data", "fileserver.corp.example.com")]
        [InlineData(@"\\?\UNC\octostorage.file.core.windows.net\octoha", "octostorage.file.core.windows.net")]
        public void A_UNC_share_passes_both(string path, string server)
        {
            var (local, mapped) = WindowsStoragePath.Classify(path, StandInDrives, "OCTO1");
            Assert.Equal(CheckStatus.Pass, local.Status);
            Assert.Equal($"A UNC path to a file share on '{server}'.", local.Reason);
            Assert.Equal(CheckStatus.Pass, mapped.Status);
        }

        [Theory]
        [InlineData(@"\\localhost\Octopus")]
        [InlineData(@"\\127.0.0.1\Octopus")]
        [InlineData(@"\\OCTO1\Octopus")]
        [InlineData(@"\\octo1.corp.example.com\Octopus")]
        public void A_share_named_through_this_machine_warns_as_local(string path)
        {
            var (local, _) = WindowsStoragePath.Classify(path, StandInDrives, "OCTO1");
            Assert.Equal(CheckStatus.Warn, local.Status);
            Assert.Contains("the other nodes cannot reach it by that name", local.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void A_mapped_network_drive_warns_that_drives_are_mapped_per_user()
        {
            var (local, mapped) = WindowsStoragePath.Classify(@"x:\Octopus", StandInDrives, "OCTO1");
            Assert.Equal(CheckStatus.Pass, local.Status);
            Assert.Equal(CheckStatus.Warn, mapped.Status);
            Assert.StartsWith("X: is a mapped network drive. Drives are mapped per user, so the Octopus service account must have X: mapped too", mapped.Reason, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(@"C:\Octopus", "Fixed")]
        [InlineData(@"E:\Octopus", "Removable")]
        public void A_local_disk_warns_that_it_cannot_be_shared(string path, string type)
        {
            var (local, mapped) = WindowsStoragePath.Classify(path, StandInDrives, "OCTO1");
            Assert.Equal(CheckStatus.Warn, local.Status);
            Assert.Equal(type, local.Value);
            Assert.Contains("it cannot be a local drive", local.Reason, System.StringComparison.Ordinal);
            Assert.Equal(CheckStatus.Pass, mapped.Status);
        }

        [Fact]
        public void A_letter_this_account_has_not_mapped_warns_on_both()
        {
            var (local, mapped) = WindowsStoragePath.Classify(@"Z:\Octopus", StandInDrives, "OCTO1");
            Assert.Equal(CheckStatus.Warn, local.Status);
            Assert.Equal(CheckStatus.Warn, mapped.Status);
            Assert.Contains("map it for the Octopus service account", mapped.Reason, System.StringComparison.Ordinal);
        }
    }
}
