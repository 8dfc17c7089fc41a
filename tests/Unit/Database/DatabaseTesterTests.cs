using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Database;
using OctoHa.Tests.TestSupport;
using Xunit;

namespace OctoHa.Tests.Database
{
    /// <summary>
    /// DatabaseTester over real loopback sockets. Where a login is needed, a stand-in provider answers for SQL Server
    /// (which cannot run here); the refused, silent and unresolvable cases go through the real System.Data.SqlClient.
    /// </summary>
    public sealed class DatabaseTesterTests : IDisposable
    {
        private const string Secret = "S3cr3t-Pa55!";
        private readonly LoopbackPorts _ports = new LoopbackPorts();

        public void Dispose() => _ports.Dispose();

        private string Listening(string extra = "") => $"Server=tcp:127.0.0.1,{_ports.SilentPort};Database=Octopus;User ID=octo;Password={Secret};{extra}";

        private static Task<DatabaseReport> Test(string connectionString, IDatabaseProvider? provider = null, RecordingObserver? observer = null, double thresholdMs = 10) =>
            DatabaseTester.TestAsync(new DatabaseTestRequest
            {
                ConnectionString = connectionString,
                Provider = provider,
                Timeout = TimeSpan.FromSeconds(2),
                LatencyThreshold = TimeSpan.FromMilliseconds(thresholdMs),
            }, observer, CancellationToken.None);

        private static void NoSecret(DatabaseReport report, RecordingObserver? observer = null)
        {
            Assert.DoesNotContain(Secret, JsonSerializer.Serialize(report));
            if (observer != null) Assert.DoesNotContain(Secret, observer.AllText);
        }

        [Fact]
        public async Task A_closed_port_is_Refused_with_advice()
        {
            var observer = new RecordingObserver();
            var report = await Test($"Server=127.0.0.1,{_ports.ClosedPort};Password={Secret}", observer: observer);
            Assert.False(report.Connected);
            Assert.Equal(DatabaseFailure.Refused, report.Failure);
            var connect = Assert.Single(report.Checks);
            Assert.Equal(("Connect", CheckStatus.Fail), (connect.Check, connect.Status));
            Assert.Contains("TCP/IP", report.Advice);
            NoSecret(report, observer);
        }

        [Fact]
        public async Task A_port_that_accepts_and_says_nothing_is_a_Timeout_through_the_real_SQL_client()
        {
            var observer = new RecordingObserver();
            var report = await Test(Listening(), observer: observer);
            Assert.False(report.Connected);
            Assert.Equal(DatabaseFailure.Timeout, report.Failure);
            Assert.Contains("firewall", report.Advice);
            NoSecret(report, observer);
        }

        [Fact]
        public async Task An_unresolvable_name_is_Dns()
        {
            var report = await Test($"Server=octopus-sql.invalid;Password={Secret}");
            Assert.Equal(DatabaseFailure.Dns, report.Failure);
            Assert.Contains("DNS", report.Advice);
            NoSecret(report);
        }

        [Fact]
        public async Task A_named_instance_without_a_port_skips_the_pre_check_and_says_so()
        {
            var observer = new RecordingObserver();
            var provider = new StandInSqlProvider { Error = new DatabaseProviderException(-1, "A network-related or instance-specific error occurred while establishing a connection to SQL Server.") };
            var report = await Test($@"Server=127.0.0.1\OCTOPUS;Password={Secret}", provider, observer);
            Assert.Contains(observer.VerboseMessages, m => m.Contains("SQL Server Browser"));
            Assert.Equal(DatabaseFailure.Other, report.Failure);
            Assert.Contains("A network-related", report.Checks[0].Reason);
        }

        [Fact]
        public async Task Login_failed_18456_is_classified_and_the_message_is_scrubbed()
        {
            var provider = new StandInSqlProvider { Error = new DatabaseProviderException(18456, $"Login failed for user 'octo'. (tried password {Secret})") };
            var report = await Test(Listening(), provider);
            Assert.Equal(DatabaseFailure.LoginFailed, report.Failure);
            Assert.Contains("SQL Server authentication", report.Advice);
            Assert.Contains("Login failed for user 'octo'", report.Checks[0].Reason);
            NoSecret(report);
            Assert.Contains(Secret, provider.ConnectionStrings.Single()); // the provider gets the real string
        }

        [Fact]
        public async Task Error_4060_is_DatabaseNotAccessible()
        {
            var provider = new StandInSqlProvider { Error = new DatabaseProviderException(4060, "Cannot open database \"Octopus\" requested by the login.") };
            var report = await Test(Listening(), provider);
            Assert.Equal(DatabaseFailure.DatabaseNotAccessible, report.Failure);
        }

        [Fact]
        public async Task A_healthy_server_passes_every_check()
        {
            var observer = new RecordingObserver();
            var report = await Test(Listening(), new StandInSqlProvider(), observer);
            Assert.True(report.Connected);
            Assert.Equal(DatabaseFailure.None, report.Failure);
            Assert.Equal(new[] { "Connect", "Latency", "Version", "DbOwner", "AvailabilityGroup" }, report.Checks.Select(c => c.Check));
            Assert.All(report.Checks, c => Assert.Equal(CheckStatus.Pass, c.Status));
            Assert.Equal(1.0, report.LatencyMilliseconds);
            Assert.Equal("16.0.4135.4", report.ProductVersion);
            Assert.Equal(false, report.AvailabilityGroupListener);
            Assert.Contains("password=********", report.ConnectionString, StringComparison.OrdinalIgnoreCase);
            NoSecret(report, observer);
        }

        [Fact]
        public async Task A_median_above_the_threshold_warns_about_latency()
        {
            var provider = new StandInSqlProvider();
            provider.Facts.RoundTrips = new[] { 30.0, 31, 2, 29, 40 }.Select(TimeSpan.FromMilliseconds).ToArray();
            var report = await Test(Listening(), provider);
            var latency = report.Checks.Single(c => c.Check == "Latency");
            Assert.Equal(CheckStatus.Warn, latency.Status);
            Assert.Equal(30.0, report.LatencyMilliseconds);
            Assert.Contains("same data center or cloud region", latency.Reason);

            var lenient = await Test(Listening(), provider, thresholdMs: 50);
            Assert.Equal(CheckStatus.Pass, lenient.Checks.Single(c => c.Check == "Latency").Status);
        }

        [Theory]
        [InlineData(false, CheckStatus.Warn)]
        [InlineData(true, CheckStatus.Pass)]
        public async Task DbOwner_is_reported(bool owner, CheckStatus expected)
        {
            var provider = new StandInSqlProvider();
            provider.Facts.IsDbOwner = owner;
            var report = await Test(Listening(), provider);
            Assert.Equal(owner, report.IsDbOwner);
            Assert.Equal(expected, report.Checks.Single(c => c.Check == "DbOwner").Status);
        }

        [Fact]
        public async Task An_AG_listener_without_MultiSubnetFailover_warns_and_with_it_passes()
        {
            var provider = new StandInSqlProvider();
            provider.Facts.MatchedListeners = new[] { "aglistener" };
            var without = await Test(Listening(), provider);
            var ag = without.Checks.Single(c => c.Check == "AvailabilityGroup");
            Assert.Equal(CheckStatus.Warn, ag.Status);
            Assert.Contains("MultiSubnetFailover=True", ag.Reason);
            Assert.Equal(true, without.AvailabilityGroupListener);

            var with = await Test(Listening("MultiSubnetFailover=True"), provider);
            Assert.Equal(CheckStatus.Pass, with.Checks.Single(c => c.Check == "AvailabilityGroup").Status);
            Assert.True(with.MultiSubnetFailover);
        }

        [Fact]
        public async Task A_server_without_the_listener_view_could_not_tell()
        {
            var provider = new StandInSqlProvider();
            provider.Facts.MatchedListeners = null;
            provider.Facts.ListenerQueryError = "Invalid object name 'sys.availability_group_listeners'.";
            var report = await Test(Listening(), provider);
            Assert.Null(report.AvailabilityGroupListener);
            Assert.Contains("Could not tell", report.Checks.Single(c => c.Check == "AvailabilityGroup").Reason);
        }

        [Fact]
        public async Task Any_other_library_error_is_a_report_with_the_secret_scrubbed()
        {
            var report = await Test(Listening(), new ThrowingProvider(new System.IO.IOException($"TLS failed for password {Secret}")));
            Assert.False(report.Connected);
            Assert.Equal(DatabaseFailure.Other, report.Failure);
            Assert.Contains("IOException", report.Checks[0].Reason);
            NoSecret(report);
        }

        private sealed class ThrowingProvider : IDatabaseProvider
        {
            private readonly Exception _error;
            public ThrowingProvider(Exception error) => _error = error;
            public Task<DatabaseServerFacts> ProbeAsync(string connectionString, string host, int rounds, TimeSpan timeout, CancellationToken ct) => throw _error;
        }

        [Fact]
        public async Task Bad_numbers_are_InvalidArgument_errors()
        {
            var ex = await Assert.ThrowsAsync<OctoHaException>(() => DatabaseTester.TestAsync(
                new DatabaseTestRequest { ConnectionString = Listening(), Rounds = 0 }, null, CancellationToken.None));
            Assert.Equal("InvalidRounds", ex.ErrorId);
            Assert.DoesNotContain(Secret, ex.Message);
        }
    }
}
