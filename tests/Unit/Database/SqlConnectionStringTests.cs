using OctoHa.Database;
using Xunit;

namespace OctoHa.Tests.Database
{
    public sealed class SqlConnectionStringTests
    {
        private const string Secret = "S3cr3t-Pa55!";

        [Theory]
        [InlineData("Server=sql01;Database=Octopus;User ID=octo;Password=" + Secret)]
        [InlineData("Data Source=sql01;Initial Catalog=Octopus;UID=octo;PWD=" + Secret)]
        [InlineData("Server=sql01;Authentication=ActiveDirectoryServicePrincipal;User Id=app;Client Secret=" + Secret)]
        [InlineData("Server=sql01;Access Token=" + Secret)]
        [InlineData("Server=sql01;Password='" + Secret + ";x'")]
        public void Masked_hides_every_secret_and_keeps_the_rest(string connectionString)
        {
            var cs = SqlConnectionString.Parse(connectionString);
            string masked = cs.Masked();
            Assert.DoesNotContain(Secret, masked);
            Assert.Contains("********", masked);
            Assert.Contains("sql01", masked);
            Assert.Equal(masked, cs.ToString());
        }

        [Theory]
        [InlineData("Server=sql01", "sql01", 1433, null, null)]
        [InlineData("Server=tcp:sql01.example.com,14330", "sql01.example.com", 14330, null, null)]
        [InlineData("Data Source=sql01,1500", "sql01", 1500, null, null)]
        [InlineData(@"Server=sql01\OCTOPUS,1500", "sql01", 1500, "OCTOPUS", null)]
        [InlineData(@"Server=sql01\OCTOPUS", "sql01", null, "OCTOPUS", "SQL Server Browser")]
        [InlineData(@"Server=(local)", "localhost", 1433, null, null)]
        [InlineData(@"Server=np:\\sql01\pipe\sql\query", "", null, null, "named pipes")]
        [InlineData(@"Server=(localdb)\MSSQLLocalDB", "", null, null, "LocalDB")]
        public void The_server_forms_give_host_port_and_instance(string connectionString, string host, int? port, string? instance, string? skipped)
        {
            var cs = SqlConnectionString.Parse(connectionString);
            Assert.Equal(host, cs.Host);
            Assert.Equal(port, cs.Port);
            Assert.Equal(instance, cs.Instance);
            if (skipped == null) Assert.Null(cs.PreCheckSkipped);
            else Assert.Contains(skipped, cs.PreCheckSkipped);
        }

        [Theory]
        [InlineData("Server=sql01;Password='" + Secret)]                 // unterminated quote
        [InlineData("Server=sql01;" + Secret)]                            // no '='
        [InlineData("Database=Octopus;Password=" + Secret)]                // no server
        [InlineData("Server=sql01,notaport;Password=" + Secret)]
        [InlineData("")]
        public void A_malformed_string_is_InvalidConnectionString_without_its_text(string connectionString)
        {
            var ex = Assert.Throws<OctoHaException>(() => SqlConnectionString.Parse(connectionString));
            Assert.Equal("InvalidConnectionString", ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.InvalidArgument, ex.Kind);
            Assert.DoesNotContain(Secret, ex.Message + ex.InnerException?.Message);
            Assert.Null(ex.InnerException);
        }

        [Fact]
        public void MultiSubnetFailover_is_read_in_either_spelling()
        {
            Assert.True(SqlConnectionString.Parse("Server=ag;MultiSubnetFailover=True").MultiSubnetFailover);
            Assert.True(SqlConnectionString.Parse("Server=ag;Multi Subnet Failover=yes").MultiSubnetFailover);
            Assert.False(SqlConnectionString.Parse("Server=ag").MultiSubnetFailover);
        }

        [Fact]
        public void Build_makes_a_SQL_login_or_integrated_security_string()
        {
            var sqlLogin = SqlConnectionString.Parse(SqlConnectionString.Build("sql01,1433", "Octopus", "octo", Secret, multiSubnetFailover: true));
            Assert.Equal(1433, sqlLogin.Port);
            Assert.Equal("Octopus", sqlLogin.Database);
            Assert.True(sqlLogin.MultiSubnetFailover);
            Assert.DoesNotContain(Secret, sqlLogin.Masked());
            Assert.Contains("Integrated Security=True", SqlConnectionString.Build("sql01", null, null, null, false));
        }

        [Theory]
        [InlineData("aglistener", "aglistener", null, true)]
        [InlineData("AGListener.corp.example.com", "aglistener", null, true)]
        [InlineData("10.0.1.50", "aglistener", "10.0.1.50", true)]
        [InlineData("sql01", "aglistener", "10.0.1.50", false)]
        public void A_listener_matches_by_name_short_name_or_address(string host, string dnsName, string? ip, bool expected) =>
            Assert.Equal(expected, ListenerMatch.Matches(host, dnsName, ip));
    }
}
