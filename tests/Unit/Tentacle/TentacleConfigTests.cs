using System.IO;
using System.Linq;
using System.Text;
using OctoHa.Tentacle;
using Xunit;
using static OctoHa.Tests.Tentacle.TentacleFixture;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>Reading Tentacle.config files shaped as Windows and Linux Tentacles write them, and refusing broken ones.</summary>
    public sealed class TentacleConfigTests
    {
        [Fact]
        public void Reads_a_windows_shaped_config_with_bom_crlf_and_xsd_first()
        {
            using var f = new TentacleFixture();
            var config = TentacleConfig.Load(f.Windows("[" + Entry("https://node1.example.com:10943") + "]"));

            var server = Assert.Single(config.TrustedServers);
            Assert.Equal(Thumbprint, server.Thumbprint);
            Assert.Equal(CommunicationStyles.TentacleActive, server.CommunicationStyle);
            Assert.Equal("TentacleActive", server.CommunicationStyleName);
            Assert.Equal(Subscription, server.SubscriptionId);
            Assert.Null(server.Squid);
            Assert.True(server.IsPolling);
            Assert.Equal("C:\\Octopus", config.Settings["Octopus.Home"]);
            Assert.Equal("true", config.Settings["Tentacle.Services.NoListen"]);
        }

        [Fact]
        public void Reads_a_linux_shaped_config_and_style_names_and_extra_properties()
        {
            using var f = new TentacleFixture();
            string json = "[{\"Thumbprint\":\" " + Thumbprint + " \",\"CommunicationStyle\":\"TentacleActive\",\"Address\":\"https://node1:10943/\"," +
                          "\"Squid\":\"SQ-1\",\"SubscriptionId\":\"" + Subscription + "\",\"KubernetesTentacleCommunicationMode\":null,\"Custom\":{\"a\":[1,2]}}]";
            var config = TentacleConfig.Load(f.Linux(json));

            var server = Assert.Single(config.TrustedServers);
            Assert.Equal(Thumbprint, server.Thumbprint); // trimmed, as Tentacle does
            Assert.Equal(2, server.CommunicationStyle);
            Assert.Equal("SQ-1", server.Squid);
            Assert.Equal(new[] { "KubernetesTentacleCommunicationMode", "Custom" }, server.OtherPropertyNames);
            Assert.Equal(TentacleAddress.Parse("node1"), server.ParsedAddress);
        }

        [Fact]
        public void A_missing_config_is_TentacleConfigNotFound()
        {
            using var f = new TentacleFixture();
            var ex = Assert.Throws<OctoHaException>(() => TentacleConfig.Load(Path.Combine(f.Root, "nope.config")));
            Assert.Equal("TentacleConfigNotFound", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.ObjectNotFound, ex.Kind);
        }

        [Fact]
        public void Malformed_xml_names_line_and_position_and_leaves_the_file_untouched()
        {
            using var f = new TentacleFixture();
            string path = f.Write("Tentacle.config", Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<octopus-settings>\n  <set key=\"a\">1</sett>\n</octopus-settings>\n"));
            byte[] before = File.ReadAllBytes(path);

            var ex = Assert.Throws<OctoHaException>(() => TentacleConfig.Load(path));
            Assert.Equal("TentacleConfigMalformedXml", ex.ErrorId);
            Assert.Contains("line 3", ex.Message);
            Assert.Contains("position", ex.Message);

            var edit = Assert.Throws<OctoHaException>(() => TentacleConfigEditor.Register(
                new TentacleRegisterRequest { ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") } }, null, default));
            Assert.Equal("TentacleConfigMalformedXml", edit.ErrorId);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Empty(f.Backups(path));
            Assert.False(File.Exists(path + ".octoha-lock"));
        }

        [Fact]
        public void A_wrong_root_element_is_malformed_xml()
        {
            using var f = new TentacleFixture();
            string path = f.Write("Tentacle.config", Encoding.UTF8.GetBytes("<settings><set key=\"a\">1</set></settings>"));
            Assert.Equal("TentacleConfigMalformedXml", Assert.Throws<OctoHaException>(() => TentacleConfig.Load(path)).ErrorId);
        }

        [Theory]
        [InlineData("[{\"Thumbprint\":\"X\",")]
        [InlineData("{\"Thumbprint\":\"X\"}")]
        [InlineData("[{\"Thumbprint\":\"X\",\"CommunicationStyle\":\"Carrier pigeon\"}]")]
        public void Malformed_json_names_the_key_and_leaves_the_file_untouched(string json)
        {
            using var f = new TentacleFixture();
            string path = f.Windows(json);
            byte[] before = File.ReadAllBytes(path);

            var ex = Assert.Throws<OctoHaException>(() => TentacleConfigEditor.Register(
                new TentacleRegisterRequest { ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") } }, null, default));
            Assert.Equal("TentacleConfigMalformedJson", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.InvalidData, ex.Kind);
            Assert.Contains(TrustedKey, ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void A_listening_only_tentacle_is_refused_as_nothing_to_do()
        {
            using var f = new TentacleFixture();
            string path = f.Windows("[" + Entry(null!, style: 1, subscription: null) + "]");
            var ex = Assert.Throws<OctoHaException>(() => TentacleConfig.Load(path).GetPollingRegistration());
            Assert.Equal("ListeningTentacle", ex.ErrorId);
            Assert.Contains("nothing to do", ex.Message);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("")]
        [InlineData("[{\"Thumbprint\":\"" + Thumbprint + "\",\"CommunicationStyle\":2,\"Address\":\"https://node1:10943\",\"Squid\":null,\"SubscriptionId\":null}]")]
        public void A_tentacle_without_polling_registration_is_refused(string json)
        {
            using var f = new TentacleFixture();
            string path = f.Linux(json);
            byte[] before = File.ReadAllBytes(path);
            var ex = Assert.Throws<OctoHaException>(() => TentacleConfigEditor.Register(
                new TentacleRegisterRequest { ConfigPath = path, Nodes = { TentacleAddress.Parse("node2") } }, null, default));
            Assert.Equal("NoPollingRegistration", ex.ErrorId);
            Assert.Contains("register-with", ex.Message);
            Assert.Contains("poll-server", ex.Message);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void Several_thumbprints_are_ambiguous_unless_one_is_given()
        {
            using var f = new TentacleFixture();
            const string other = "0000000000000000000000000000000000000001";
            string path = f.Linux("[" + Entry("https://node1:10943") + "," + Entry("https://old:10943", thumbprint: other, subscription: "poll://old/") + "]");
            var config = TentacleConfig.Load(path);

            Assert.Equal("AmbiguousRegistration", Assert.Throws<OctoHaException>(() => config.GetPollingRegistration()).ErrorId);
            var reg = config.GetPollingRegistration(other.ToLowerInvariant());
            Assert.Equal("poll://old/", reg.SubscriptionId);
            Assert.Equal("NoPollingRegistration", Assert.Throws<OctoHaException>(() => config.GetPollingRegistration("FFFF")).ErrorId);
        }

        [Fact]
        public void An_instance_is_found_through_the_instance_index()
        {
            using var f = new TentacleFixture();
            string config = f.Linux("[" + Entry("https://node1:10943") + "]");
            string instances = Path.Combine(f.Root, "home", "Tentacle", "Instances");
            Directory.CreateDirectory(instances);
            File.WriteAllText(Path.Combine(instances, "my-polling-tentacle.config"),
                "{\n  \"Name\": \"My Polling Tentacle\",\n  \"ConfigurationFilePath\": \"" + config.Replace("\\", "\\\\") + "\"\n}");
            string home = Path.Combine(f.Root, "home");

            Assert.Equal(Path.Combine(instances, "my-polling-tentacle.config"), TentacleInstances.IndexPathOf("My Polling Tentacle", home));
            Assert.Equal(config, TentacleInstances.ConfigPathOf("My Polling Tentacle", home));
            Assert.Single(TentacleConfig.LoadInstance("My Polling Tentacle", home).TrustedServers);

            var ex = Assert.Throws<OctoHaException>(() => TentacleInstances.ConfigPathOf("Other", home));
            Assert.Equal("TentacleInstanceNotFound", ex.ErrorId);
            File.WriteAllText(Path.Combine(instances, "broken.config"), "{ \"Name\": \"Broken\" }");
            Assert.Equal("TentacleInstanceIndexMalformed", Assert.Throws<OctoHaException>(() => TentacleInstances.ConfigPathOf("Broken", home)).ErrorId);
        }
    }
}
