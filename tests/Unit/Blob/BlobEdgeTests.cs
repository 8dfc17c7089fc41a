using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Blob;
using Xunit;

namespace OctoHa.Tests.Blob
{
    /// <summary>Links, refused writes and files that change mid-copy, on the real file system.</summary>
    public sealed class BlobEdgeTests
    {
        private static Task<BlobCopySummary> Copy(BlobTree t, Action<BlobCopyRequest>? tune = null)
        {
            var request = new BlobCopyRequest { Source = t.Source, Destination = t.Destination, RetryWait = TimeSpan.FromMilliseconds(10) };
            tune?.Invoke(request);
            return BlobCopier.CopyAsync(request, null, CancellationToken.None);
        }

        [Fact]
        public async Task Symbolic_links_in_the_source_are_never_followed_or_copied()
        {
            using var t = new BlobTree();
            t.Src("TaskLogs/real.log.txt", "real");
            string outside = Path.Combine(t.Root, "outside");
            Directory.CreateDirectory(outside);
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "outside the tree");
            File.CreateSymbolicLink(Path.Combine(t.Source, "TaskLogs", "link.log.txt"), Path.Combine(outside, "secret.txt"));
            Directory.CreateSymbolicLink(Path.Combine(t.Source, "Escape"), outside);

            var result = await Copy(t, r => r.Mirror = true);
            Assert.True(File.Exists(Path.Combine(t.Destination, "TaskLogs/real.log.txt")));
            Assert.False(File.Exists(Path.Combine(t.Destination, "TaskLogs/link.log.txt")));
            Assert.False(Directory.Exists(Path.Combine(t.Destination, "Escape")));
            Assert.Equal(1, result.Files.Skipped);
            Assert.Equal(1, result.Dirs.Skipped); // the link folder is skipped, not walked
            Assert.Equal(2, result.Dirs.Copied);  // the root and TaskLogs
            Assert.True(File.Exists(Path.Combine(outside, "secret.txt")));
        }

        [Fact]
        public async Task A_file_that_cannot_be_written_is_reported_and_the_rest_is_copied()
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/chattr")) return; // needs an immutable folder, which even root cannot write
            using var t = new BlobTree();
            t.Src("TaskLogs/a.log.txt", "a");
            t.Src("Artifacts/locked/b.txt", "b");
            t.Src("Artifacts/locked/c.txt", "c");
            string locked = Path.Combine(t.Destination, "Artifacts", "locked");
            Directory.CreateDirectory(locked);
            Run("chattr", "+i", locked);
            try
            {
                var result = await Copy(t, r => r.Retry = 1);
                Assert.Equal(2, result.Files.Failed);
                Assert.Equal(1, result.Files.Copied);
                Assert.Equal(9, result.ExitCode); // 1 copied | 8 failures
                Assert.All(result.Failures, f => Assert.Contains("locked", f.Path));
                Assert.True(File.Exists(Path.Combine(t.Destination, "TaskLogs/a.log.txt")));
            }
            finally
            {
                Run("chattr", "-i", locked);
            }
        }

        [Fact]
        public async Task A_file_written_during_the_copy_is_never_recorded_as_copied_in_a_torn_state()
        {
            using var t = new BlobTree();
            string live = t.Src("TaskLogs/servertasks-live.log.txt", new string('x', 8 << 20));
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(() =>
            {
                // A running deployment appending to its task log as fast as it can.
                using var stream = new FileStream(live, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                var line = System.Text.Encoding.ASCII.GetBytes("2026-11-21 10:00:00 Info Step running\n");
                while (!stop.IsCancellationRequested) { stream.Write(line); stream.Flush(); }
            });
            await Task.Delay(50);
            BlobCopySummary result;
            try
            {
                result = await Copy(t, r => r.Retry = 2);
            }
            finally
            {
                stop.Cancel();
                await writer;
            }
            string copy = Path.Combine(t.Destination, "TaskLogs", "servertasks-live.log.txt");
            if (result.Files.Copied == 1)
            {
                // Whatever was copied is a consistent snapshot: a prefix of the file, with the write time it had then.
                byte[] copied = File.ReadAllBytes(copy), now = File.ReadAllBytes(live);
                Assert.True(copied.Length <= now.Length);
                Assert.True(now.AsSpan(0, copied.Length).SequenceEqual(copied));
            }
            else
            {
                Assert.Equal(1, result.Files.Failed);
                Assert.Contains("kept changing", result.Failures.Single().Reason);
                Assert.False(File.Exists(copy));
            }
            Assert.Empty(Directory.EnumerateFiles(t.Destination, "*octoha-partial*", SearchOption.AllDirectories));
        }

        private static void Run(string file, params string[] args)
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{file} {string.Join(" ", args)}: {p.StandardError.ReadToEnd()}");
        }
    }
}
