using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Blob;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Blob
{
    public sealed class BlobCopyTests
    {
        private static Task<BlobCopySummary> Copy(BlobTree t, Action<BlobCopyRequest>? tune = null, IOperationObserver? observer = null)
        {
            var request = new BlobCopyRequest { Source = t.Source, Destination = t.Destination, RetryWait = TimeSpan.FromMilliseconds(10), ThreadCount = 4 };
            tune?.Invoke(request);
            return BlobCopier.CopyAsync(request, observer, CancellationToken.None);
        }

        [Fact]
        public async Task The_first_pass_copies_everything_keeping_write_times_and_the_second_copies_nothing()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            var first = await Copy(t);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
            Assert.Equal(7, first.Files.Total);
            Assert.Equal(7, first.Files.Copied);
            Assert.Equal(first.Bytes.Total, first.Bytes.Copied);
            Assert.Equal(1, first.ExitCode);

            var second = await Copy(t);
            Assert.Equal(0, second.Files.Copied);
            Assert.Equal(7, second.Files.Skipped);
            Assert.Equal(second.Dirs.Total, second.Dirs.Skipped);
            Assert.Equal(0, second.ExitCode);
        }

        [Fact]
        public async Task A_file_differing_in_size_or_write_time_is_copied_again()
        {
            using var t = new BlobTree();
            t.Src("TaskLogs/a.log.txt", "same size!");
            t.Src("TaskLogs/b.log.txt", "longer now");
            t.Src("TaskLogs/c.log.txt", "unchanged");
            t.Dst("TaskLogs/a.log.txt", "SAME SIZE!", BlobTree.Old.AddHours(-1)); // same size, older
            t.Dst("TaskLogs/b.log.txt", "short");
            t.Dst("TaskLogs/c.log.txt", "unchanged");
            var result = await Copy(t);
            Assert.Equal(2, result.Files.Copied);
            Assert.Equal(1, result.Files.Skipped);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
        }

        [Fact]
        public async Task Checksum_compares_content_where_size_and_time_agree()
        {
            using var t = new BlobTree();
            t.Src("Artifacts/x.txt", "content A");
            t.Dst("Artifacts/x.txt", "content B"); // same size, same write time
            Assert.Equal(0, (await Copy(t)).Files.Copied);
            Assert.Equal("content B", File.ReadAllText(Path.Combine(t.Destination, "Artifacts/x.txt")));
            var withChecksum = await Copy(t, r => r.Checksum = true);
            Assert.Equal(1, withChecksum.Files.Copied);
            Assert.Equal("content A", File.ReadAllText(Path.Combine(t.Destination, "Artifacts/x.txt")));
            Assert.Equal(0, (await Copy(t, r => r.Checksum = true)).Files.Copied);
        }

        [Fact]
        public async Task Extras_are_counted_by_a_copy_and_deleted_only_by_a_mirror()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Dst("TaskLogs/old.log.txt", "retired");
            t.Dst("Obsolete/deep/file.txt", "gone");
            var copy = await Copy(t);
            Assert.Equal(1, copy.Files.Extras);
            Assert.Equal(1, copy.Dirs.Extras);
            Assert.Equal(3, copy.ExitCode); // files copied + extras seen
            Assert.True(File.Exists(Path.Combine(t.Destination, "TaskLogs/old.log.txt")));

            var mirror = await Copy(t, r => r.Mirror = true);
            Assert.Equal(1, mirror.Files.Extras);
            Assert.Equal(2, mirror.ExitCode);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
        }

        [Theory]
        [InlineData("empty")]
        [InlineData("missing")]
        public async Task A_mirror_from_an_empty_or_missing_source_is_refused_and_deletes_nothing(string state)
        {
            using var t = new BlobTree();
            t.Dst("TaskLogs/precious.log.txt", "years of logs");
            if (state == "missing") Directory.Delete(t.Source);
            var before = BlobTree.Snapshot(t.Destination);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => r.Mirror = true));
            Assert.Equal(state == "missing" ? "SourceNotFound" : "MirrorSourceNotSound", ex.ErrorId);
            Assert.Equal(before, BlobTree.Snapshot(t.Destination));
        }

        [Fact]
        public async Task Force_lets_a_mirror_empty_the_destination()
        {
            using var t = new BlobTree();
            t.Dst("TaskLogs/x.log.txt", "x");
            var result = await Copy(t, r => { r.Mirror = true; r.Force = true; });
            Assert.Empty(Directory.EnumerateFileSystemEntries(t.Destination));
            Assert.Equal(1, result.Dirs.Extras);
        }

        [Fact]
        public async Task Folder_mode_copies_only_those_folders_and_leaves_the_rest_of_the_destination_alone()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Dst("Packages/keep-me.zip", "not part of this copy");
            t.Dst("TaskLogs/extra.log.txt", "mirror removes this");
            var result = await Copy(t, r => { r.Mirror = true; r.Folders = new[] { "tasklogs", "Artifacts" }; });
            Assert.True(File.Exists(Path.Combine(t.Destination, "Packages/keep-me.zip")));
            Assert.False(File.Exists(Path.Combine(t.Destination, "TaskLogs/extra.log.txt")));
            Assert.True(File.Exists(Path.Combine(t.Destination, "Artifacts/Spaces-1/ServerTasks-000001/artifact-0.txt")));
            Assert.False(Directory.Exists(Path.Combine(t.Destination, "Imports")));
            Assert.Equal(3, result.Files.Copied);
        }

        [Fact]
        public async Task A_missing_blob_folder_is_skipped_for_a_copy_and_refused_for_a_mirror_over_content()
        {
            using var t = new BlobTree();
            t.Src("TaskLogs/a.log.txt", "a");
            t.Dst("Imports/old.zip", "old");
            var observer = new RecordingObserver();
            var copy = await Copy(t, r => r.Folders = new[] { "TaskLogs", "Imports" }, observer);
            Assert.Contains(observer.Warnings, w => w.Contains("no Imports folder"));
            Assert.Equal(1, copy.Files.Copied);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => { r.Mirror = true; r.Folders = new[] { "TaskLogs", "Imports" }; }));
            Assert.Equal("MirrorSourceNotSound", ex.ErrorId);
            Assert.True(File.Exists(Path.Combine(t.Destination, "Imports/old.zip")));
        }

        [Fact]
        public async Task Unknown_blob_folders_are_refused()
        {
            using var t = new BlobTree();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => r.Folders = new[] { "TaskLog" }));
            Assert.Equal("UnknownBlobFolder", ex.ErrorId);
            Assert.Contains("TaskLogs, Artifacts", ex.Message);
        }

        [Theory]
        [InlineData("same", "SameSourceAndDestination")]
        [InlineData("inside", "DestinationInsideSource")]
        [InlineData("outside", "SourceInsideDestination")]
        public async Task Overlapping_source_and_destination_are_refused(string layout, string errorId)
        {
            using var t = new BlobTree();
            t.Src("TaskLogs/a.log.txt", "a");
            string source = t.Source, destination = layout switch
            {
                "same" => t.Source + Path.DirectorySeparatorChar,
                "inside" => Path.Combine(t.Source, "copy"),
                _ => t.Root,
            };
            var before = BlobTree.Snapshot(t.Root);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => BlobCopier.CopyAsync(new BlobCopyRequest { Source = source, Destination = destination, Mirror = true }, null, CancellationToken.None));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(before, BlobTree.Snapshot(t.Root));
        }

        [Fact]
        public async Task Exclusions_are_neither_copied_nor_counted_nor_deleted()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Src("TaskLogs/scratch.tmp", "temp");
            t.Src("Telemetry/cache/blob.json", "cache");
            t.Dst("TaskLogs/keep.tmp", "excluded at the destination too");
            t.Dst("Telemetry/cache/old.json", "inside an excluded folder");
            var result = await Copy(t, r => { r.Mirror = true; r.ExcludeFiles = new[] { "*.tmp" }; r.ExcludeDirectories = new[] { "Telemetry/cache" }; });
            Assert.False(File.Exists(Path.Combine(t.Destination, "TaskLogs/scratch.tmp")));
            Assert.False(File.Exists(Path.Combine(t.Destination, "Telemetry/cache/blob.json")));
            Assert.True(File.Exists(Path.Combine(t.Destination, "TaskLogs/keep.tmp")));
            Assert.True(File.Exists(Path.Combine(t.Destination, "Telemetry/cache/old.json")));
            Assert.Equal(7, result.Files.Total);
            Assert.Equal(0, result.Files.Extras);
        }

        [Fact]
        public async Task List_only_describes_every_change_and_makes_none()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Dst("TaskLogs/extra.log.txt", "extra");
            var before = BlobTree.Snapshot(t.Destination);
            var observer = new RecordingObserver(approve: false);
            var result = await Copy(t, r => { r.Mirror = true; r.ListOnly = true; }, observer);
            Assert.Equal(before, BlobTree.Snapshot(t.Destination));
            Assert.True(result.ListOnly);
            Assert.Equal(7, result.Files.Copied); // what would be copied
            Assert.Equal(7, observer.Asked.Count(a => a.Action == "Copy new file"));
            Assert.Contains(observer.Asked, a => a.Action == "Delete extra file" && a.Target.EndsWith("extra.log.txt", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Declining_the_confirmation_changes_nothing()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            var result = await Copy(t, null, new RecordingObserver(approve: false));
            Assert.False(Directory.Exists(t.Destination));
            Assert.Equal(0, result.Files.Copied);
        }

        [Fact]
        public async Task Leftover_temporaries_of_a_crashed_run_are_removed_and_not_counted()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            t.Dst("TaskLogs/.servertasks-0000001.log.txt.octoha-partial-1a2b3c4d", "half a fi");
            var result = await Copy(t, r => r.Mirror = true);
            Assert.Equal(0, result.Files.Extras);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
        }

        [Fact]
        public async Task Awkward_files_and_folders_are_copied_faithfully()
        {
            using var t = new BlobTree();
            t.Src("TaskLogs/empty.log.txt", "");
            Directory.CreateDirectory(Path.Combine(t.Source, "Imports", "empty folder"));
            t.Src("Artifacts/Spaces 1/Résumé – déploiement ✓.txt", "ünïcödé");
            string deep = string.Join("/", Enumerable.Range(0, 12).Select(i => $"level-{i:00}-{new string('d', 20)}"));
            t.Src($"Packages/{deep}/pkg.zip", "deep"); // a path well beyond 260 characters
            string readOnly = t.Dst("TaskLogs/readonly.log.txt", "old");
            File.SetAttributes(readOnly, FileAttributes.ReadOnly);
            t.Src("TaskLogs/readonly.log.txt", "new content", BlobTree.Old.AddDays(1));

            var result = await Copy(t);
            Assert.Equal(0, result.Files.Failed);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
            Assert.True(Path.Combine(t.Destination, "Packages", deep).Length > 260);
        }

        [Fact]
        public async Task Huge_destination_folders_are_compared_file_by_file_with_the_same_result()
        {
            using var t = new BlobTree();
            for (int i = 0; i < 30; i++) t.Src($"TaskLogs/log-{i:00}.txt", "log " + i);
            for (int i = 0; i < 25; i++) t.Dst($"TaskLogs/log-{i:00}.txt", "log " + i);
            t.Dst("TaskLogs/extra.txt", "extra");
            t.Dst("TaskLogs/log-03.txt", "changed!", BlobTree.Old.AddDays(2));
            var result = await Copy(t, r => { r.Mirror = true; r.ListingLimit = 10; });
            Assert.Equal(6, result.Files.Copied); // 5 new + 1 changed
            Assert.Equal(1, result.Files.Extras);
            Assert.Equal(BlobTree.Snapshot(t.Source), BlobTree.Snapshot(t.Destination));
        }

        [Fact]
        public async Task The_log_reads_like_robocopys()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            string log = Path.Combine(t.Root, "logs", "copy.log");
            await Copy(t, r => r.LogPath = log);
            string text = File.ReadAllText(log);
            Assert.Contains("Source : " + t.Source, text);
            Assert.Contains("New File", text);
            Assert.Matches(@"Files :\s+7\s+7\s+0\s+0\s+0\s+0", text);
        }

        [Fact]
        public async Task Bad_settings_are_refused_before_anything_happens()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => r.ThreadCount = 0));
            Assert.Equal("InvalidThreadCount", ex.ErrorId);
            ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => r.Retry = -1));
            Assert.Equal("InvalidRetry", ex.ErrorId);
            Assert.False(Directory.Exists(t.Destination));
        }

        [Fact]
        public async Task A_missing_data_root_fails_even_with_folders_named()
        {
            using var t = new BlobTree();
            Directory.Delete(t.Source);
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => Copy(t, r => r.Folders = new[] { "TaskLogs" }));
            Assert.Equal("SourceNotFound", ex.ErrorId);
        }

        [Fact]
        public async Task The_runs_own_log_is_never_copied_or_deleted()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            Directory.CreateDirectory(t.Destination);
            string log = Path.Combine(t.Destination, "mirror.log");
            var result = await Copy(t, r => { r.Mirror = true; r.LogPath = log; });
            Assert.True(File.Exists(log));
            Assert.Contains("Files :", File.ReadAllText(log));
            Assert.Equal(0, result.Files.Extras);
        }

        [Fact]
        public async Task A_declined_confirmation_touches_no_log()
        {
            using var t = new BlobTree();
            t.OctopusShaped();
            string log = Path.Combine(t.Root, "earlier-run.log");
            File.WriteAllText(log, "the previous run's log");
            var result = await Copy(t, r => r.LogPath = log, new RecordingObserver(approve: false));
            Assert.True(result.Declined);
            Assert.Equal("the previous run's log", File.ReadAllText(log));
        }
    }
}
