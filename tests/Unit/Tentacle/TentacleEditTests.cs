using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Tentacle;
using OctoHa.Tests.TestSupport;
using Xunit;
using static OctoHa.Tests.Tentacle.TentacleFixture;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>The ConfigFile method on real files: byte-exact edits, idempotency, locking, crash recovery, pruning.</summary>
    public sealed class TentacleEditTests
    {
        private static TentacleEditResult Register(string path, params string[] nodes) =>
            TentacleConfigEditor.Register(new TentacleRegisterRequest { ConfigPath = path, Nodes = nodes.Select(TentacleAddress.Parse).ToList() }, null, default);

        private static TentacleEditResult Prune(string path, string[]? remove = null, string[]? keep = null, bool force = false) =>
            TentacleConfigEditor.Prune(new TentaclePruneRequest
            {
                ConfigPath = path,
                Remove = remove?.Select(TentacleAddress.Parse).ToList(),
                Keep = keep?.Select(TentacleAddress.Parse).ToList(),
                Force = force,
            }, null, default);

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Adding_two_nodes_changes_only_the_trusted_servers_text(bool windows)
        {
            using var f = new TentacleFixture();
            string existing = Entry("https://node1.example.com:10943");
            string path = windows ? f.Windows("[" + existing + "]") : f.Linux("[" + existing + "]");
            byte[] before = File.ReadAllBytes(path);

            var result = Register(path, "node1.example.com", "node2.example.com", "https://node3.example.com:10943/");

            Assert.True(result.Written);
            Assert.Equal(new[] { "https://node2.example.com:10943", "https://node3.example.com:10943" }, result.Plan.Added.Select(a => a.Address));
            byte[] after = File.ReadAllBytes(path);
            Assert.Equal(WithoutTrusted(before), WithoutTrusted(after));
            Assert.Equal(windows, after[0] == 0xEF && after[1] == 0xBB && after[2] == 0xBF);
            Assert.Equal("[" + existing + "," + Entry("https://node2.example.com:10943") + "," + Entry("https://node3.example.com:10943") + "]",
                TrustedText(path));

            var backup = Assert.Single(f.Backups(path));
            Assert.Equal(before, File.ReadAllBytes(backup));
            Assert.Equal(result.BackupPath, backup);
            Assert.Matches(@"\.\d{8}-\d{6}\.bak$", backup);
            Assert.Empty(f.Temps(path));

            var reread = TentacleConfig.Load(path);
            Assert.Equal(3, reread.GetPollingRegistration().Entries.Count);
            Assert.All(reread.TrustedServers, s => Assert.Equal(Subscription, s.SubscriptionId));
        }

        [Fact]
        public void Extra_properties_and_squid_are_kept_and_style_names_become_integers()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[{\"Thumbprint\":\"" + Thumbprint + "\",\"CommunicationStyle\":\"TentacleActive\",\"Address\":\"https://node1:10943\"," +
                                  "\"Squid\":\"SQ-ABC\",\"SubscriptionId\":\"" + Subscription + "\",\"Custom\":{\"a\":[1,2]}}]");
            Register(path, "node2");
            Assert.Equal(
                "[{\"Thumbprint\":\"" + Thumbprint + "\",\"CommunicationStyle\":2,\"Address\":\"https://node1:10943\",\"Squid\":\"SQ-ABC\",\"SubscriptionId\":\"" + Subscription + "\",\"Custom\":{\"a\":[1,2]}}," +
                "{\"Thumbprint\":\"" + Thumbprint + "\",\"CommunicationStyle\":2,\"Address\":\"https://node2:10943\",\"Squid\":\"SQ-ABC\",\"SubscriptionId\":\"" + Subscription + "\"}]",
                TrustedText(path));
        }

        [Fact]
        public void Registering_again_is_a_no_op_that_writes_nothing()
        {
            using var f = new TentacleFixture();
            string path = f.Windows("[" + Entry("https://node1:10943") + "]");
            Register(path, "node1", "node2");
            byte[] once = File.ReadAllBytes(path);
            var observer = new RecordingObserver();

            var again = TentacleConfigEditor.Register(new TentacleRegisterRequest
            {
                ConfigPath = path, Nodes = new[] { "NODE2:10943", "https://node1:10943/" }.Select(TentacleAddress.Parse).ToList(),
            }, observer, default);

            Assert.False(again.Written);
            Assert.True(again.Plan.IsNoOp);
            Assert.Empty(observer.Asked);
            Assert.Equal(once, File.ReadAllBytes(path));
            Assert.Single(f.Backups(path));
        }

        [Fact]
        public void A_declined_change_writes_nothing()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[" + Entry("https://node1:10943") + "]");
            byte[] before = File.ReadAllBytes(path);
            var observer = new RecordingObserver(approve: false);
            var result = TentacleConfigEditor.Register(new TentacleRegisterRequest { ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") } }, observer, default);
            Assert.False(result.Written);
            Assert.Single(result.Plan.Added);
            Assert.Contains("https://node2:10943", Assert.Single(observer.Asked).Action);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public async Task Two_edits_started_together_both_land()
        {
            using var f = new TentacleFixture();
            string path = f.Windows("[" + Entry("https://node1:10943") + "]");
            using var start = new Barrier(2);
            Task<TentacleEditResult> Edit(string node) => Task.Run(() => { start.SignalAndWait(); return Register(path, node); });

            var results = await Task.WhenAll(Edit("node2"), Edit("node3"));

            Assert.All(results, r => Assert.True(r.Written));
            var addresses = TentacleConfig.Load(path).TrustedServers.Select(s => s.Address).ToList();
            Assert.Equal(3, addresses.Count);
            Assert.Contains("https://node2:10943", addresses);
            Assert.Contains("https://node3:10943", addresses);
            Assert.Equal(2, f.Backups(path).Length);
            Assert.Empty(f.Temps(path));
        }

        [Fact]
        public void A_crash_between_write_and_rename_leaves_the_original_and_the_next_edit_cleans_up()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[" + Entry("https://node1:10943") + "]");
            byte[] before = File.ReadAllBytes(path);

            Assert.Throws<InvalidOperationException>(() => TentacleConfigEditor.Register(new TentacleRegisterRequest
            {
                ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") },
                BeforeReplace = _ => throw new InvalidOperationException("simulated crash"),
            }, null, default));

            Assert.Equal(before, File.ReadAllBytes(path));
            string leftover = Assert.Single(f.Temps(path));
            Assert.Contains("node2", File.ReadAllText(leftover));

            var observer = new RecordingObserver();
            var rerun = TentacleConfigEditor.Register(new TentacleRegisterRequest { ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") } }, observer, default);
            Assert.True(rerun.Written);
            Assert.Empty(f.Temps(path));
            Assert.Contains(observer.VerboseMessages, m => m.Contains("did not finish"));
            Assert.Equal(2, TentacleConfig.Load(path).TrustedServers.Count);
            Assert.Equal(WithoutTrusted(before), WithoutTrusted(File.ReadAllBytes(path)));
        }

        [Fact]
        public void Unique_port_nodes_are_added_as_one_host_with_consecutive_ports()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[" + Entry("https://lb.example.com:10943") + "]");
            var result = TentacleConfigEditor.Register(new TentacleRegisterRequest
            {
                ConfigPath = path, Nodes = TentacleAddress.UniquePorts("lb.example.com", 10943, 3).ToList(),
            }, null, default);
            Assert.Equal(new[] { "https://lb.example.com:10944", "https://lb.example.com:10945" }, result.Plan.Added.Select(a => a.Address));
        }

        [Fact]
        public void Prune_removes_by_address_and_keeps_the_rest_byte_for_byte()
        {
            using var f = new TentacleFixture();
            string path = f.Windows("[" + Entry("https://node1:10943") + "," + Entry("https://node2:10943") + "," + Entry("https://node3:10943") + "]");
            byte[] before = File.ReadAllBytes(path);

            var result = Prune(path, remove: new[] { "NODE2", "node9" });

            Assert.True(result.Written);
            Assert.Equal("https://node2:10943", Assert.Single(result.Plan.Removed).Address);
            Assert.Equal("https://node9:10943", Assert.Single(result.Plan.Unmatched).ToString());
            Assert.Equal("[" + Entry("https://node1:10943") + "," + Entry("https://node3:10943") + "]", TrustedText(path));
            Assert.Equal(WithoutTrusted(before), WithoutTrusted(File.ReadAllBytes(path)));
            Assert.False(Prune(path, remove: new[] { "node2" }).Written);
        }

        [Fact]
        public void Prune_keep_removes_every_other_polling_entry_with_an_exact_address_match()
        {
            using var f = new TentacleFixture();
            string listening = Entry(null!, style: 1, thumbprint: "AAAA", subscription: null);
            string path = f.Linux("[" + Entry("https://node1:10943") + "," + Entry("https://node1:10944") + "," + listening + "," + Entry("https://lb:10943") + "]");

            var result = Prune(path, keep: new[] { "https://lb:10943/" });

            Assert.Equal(new[] { "https://node1:10943", "https://node1:10944" }, result.Plan.Removed.Select(r => r.Address));
            Assert.Equal("[" + listening + "," + Entry("https://lb:10943") + "]", TrustedText(path));
        }

        [Fact]
        public void Prune_never_removes_the_last_polling_entry_unless_forced()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[" + Entry("https://node1:10943") + "," + Entry("https://node2:10943") + "]");
            byte[] before = File.ReadAllBytes(path);

            var ex = Assert.Throws<OctoHaException>(() => Prune(path, keep: new[] { "node9" }));
            Assert.Equal("WouldRemoveAllServers", ex.ErrorId);
            Assert.Equal("WouldRemoveAllServers", Assert.Throws<OctoHaException>(() => Prune(path, remove: new[] { "node1", "node2" })).ErrorId);
            Assert.Equal(before, File.ReadAllBytes(path));

            Assert.True(Prune(path, remove: new[] { "node1", "node2" }, force: true).Written);
            Assert.Equal("[]", TrustedText(path));
            Assert.Equal("InvalidPruneRequest", Assert.Throws<OctoHaException>(() => Prune(path)).ErrorId);
        }

        [Fact]
        public void The_lock_times_out_while_another_editor_holds_it()
        {
            using var f = new TentacleFixture();
            string path = f.Linux("[" + Entry("https://node1:10943") + "]");
            using (new FileStream(path + ".octoha-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var ex = Assert.Throws<OctoHaException>(() => TentacleConfigEditor.Register(new TentacleRegisterRequest
                {
                    ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") }, LockTimeout = TimeSpan.FromMilliseconds(200),
                }, null, default));
                Assert.Equal("TentacleConfigLocked", ex.ErrorId);
                Assert.Equal(OctoHaErrorKind.ResourceBusy, ex.Kind);
            }
            Assert.True(Register(path, "node2").Written);
        }
    }
}
