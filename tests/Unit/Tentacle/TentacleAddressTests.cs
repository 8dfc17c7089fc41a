using System.Linq;
using OctoHa.Tentacle;
using Xunit;

namespace OctoHa.Tests.Tentacle
{
    public sealed class TentacleAddressTests
    {
        [Theory]
        [InlineData("node1", "https://node1:10943")]
        [InlineData("Node1.Example.com:10944", "https://node1.example.com:10944")]
        [InlineData("https://NODE1:10943/", "https://node1:10943")]
        [InlineData("HTTPS://node1", "https://node1:10943")]
        [InlineData("10.0.0.5:10950", "https://10.0.0.5:10950")]
        [InlineData("[::1]:10943", "https://[::1]:10943")]
        [InlineData("wss://octo.example.com/OctopusComms", "wss://octo.example.com:443/OctopusComms")]
        public void Parses_the_forms_a_node_is_given_in(string text, string expected)
        {
            Assert.Equal(expected, TentacleAddress.Parse(text).ToString());
        }

        [Fact]
        public void Compares_scheme_host_and_port_ignoring_case_and_trailing_slash()
        {
            Assert.Equal(TentacleAddress.Parse("https://Node1:10943/"), TentacleAddress.Parse("node1"));
            Assert.NotEqual(TentacleAddress.Parse("node1:10944"), TentacleAddress.Parse("node1"));
            Assert.NotEqual(TentacleAddress.Parse("wss://node1:10943"), TentacleAddress.Parse("node1"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("http://node1:10943")]
        [InlineData("node1:99999")]
        [InlineData("node1:abc")]
        [InlineData("::1")]
        [InlineData("user@node1")]
        public void Rejects_what_is_not_a_comms_address(string text)
        {
            Assert.Equal("InvalidNodeAddress", Assert.Throws<OctoHaException>(() => TentacleAddress.Parse(text)).ErrorId);
        }

        [Fact]
        public void Unique_port_mode_gives_one_host_and_consecutive_ports()
        {
            var nodes = TentacleAddress.UniquePorts("lb.example.com", 10943, 3);
            Assert.Equal(new[] { "https://lb.example.com:10943", "https://lb.example.com:10944", "https://lb.example.com:10945" },
                nodes.Select(n => n.ToString()));
            Assert.Equal("InvalidNodePort", Assert.Throws<OctoHaException>(() => TentacleAddress.UniquePorts("lb", 65535, 2)).ErrorId);
            Assert.Equal("InvalidNodeCount", Assert.Throws<OctoHaException>(() => TentacleAddress.UniquePorts("lb", 10943, 0)).ErrorId);
        }
    }
}
