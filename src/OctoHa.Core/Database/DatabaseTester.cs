using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Database
{
    /// <summary>
    /// Test-OctoHaDatabase: can this node reach the Octopus database, how fast, and is it set up as the HA guide
    /// advises. DNS and TCP are checked first so failures are classified reliably; then the provider logs in and
    /// reads the server's facts, which are judged here. Read-only: nothing on the server changes.
    /// </summary>
    public static class DatabaseTester
    {
        /// <summary>
        /// Never throws for a database that cannot be reached: that is a report with Connected = false and a Fail check.
        /// Throws OctoHaException InvalidConnectionString for a malformed connection string, and InvalidRounds,
        /// InvalidTimeout for bad numbers.
        /// </summary>
        public static async Task<DatabaseReport> TestAsync(DatabaseTestRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            observer ??= NullObserver.Instance;
            if (request.Rounds < 1 || request.Rounds > 1000)
                throw new OctoHaException("InvalidRounds", OctoHaErrorKind.InvalidArgument, $"Rounds must be from 1 to 1000 (it is {request.Rounds}).", "Rounds");
            if (request.Timeout <= TimeSpan.Zero)
                throw new OctoHaException("InvalidTimeout", OctoHaErrorKind.InvalidArgument, "The timeout must be more than zero.", "Timeout");
            if (request.LatencyThreshold <= TimeSpan.Zero)
                throw new OctoHaException("InvalidLatencyThreshold", OctoHaErrorKind.InvalidArgument, "The latency threshold must be more than zero.", "LatencyThreshold");

            var cs = SqlConnectionString.Parse(request.ConnectionString);
            var report = new DatabaseReport
            {
                Server = cs.DataSource,
                Database = cs.Database,
                ConnectionString = cs.Masked(),
                MultiSubnetFailover = cs.MultiSubnetFailover,
            };
            var checks = new List<CheckResult>();
            const string activity = "Test-OctoHaDatabase";

            if (cs.PreCheckSkipped != null)
            {
                observer.Verbose($"No DNS/TCP pre-check for {cs.DataSource}: {cs.PreCheckSkipped}. A failure is classified from the SQL client's error alone.");
            }
            else
            {
                observer.Progress(new OperationProgress(activity, $"Resolving {cs.Host} and connecting to port {cs.Port}"));
                var network = await NetworkProbe.ProbeAsync(cs.Host, cs.Port!.Value, request.Timeout, ct).ConfigureAwait(false);
                observer.Verbose(network.Detail);
                if (network.Failure != DatabaseFailure.None)
                    return Failed(report, checks, network.Failure, network.Detail, observer, activity);
            }

            observer.Progress(new OperationProgress(activity, $"Logging in to {cs.DataSource}"));
            IDatabaseProvider provider = request.Provider ?? new SqlClientProvider();
            DatabaseServerFacts facts;
            try
            {
                var probe = provider.ProbeAsync(cs.Raw, cs.Host, request.Rounds, request.Timeout, ct);
                // The library's own timeout covers the login; this guards against a handshake that never ends.
                TimeSpan guard = TimeSpan.FromTicks(request.Timeout.Ticks * 2) + TimeSpan.FromSeconds(5 + request.Rounds * 0.1);
                if (await Task.WhenAny(probe, Task.Delay(guard, ct)).ConfigureAwait(false) != probe)
                {
                    ct.ThrowIfCancellationRequested();
                    _ = probe.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    return Failed(report, checks, DatabaseFailure.Timeout, $"{cs.DataSource} accepted the connection but SQL Server did not complete the login within {NetworkProbe.Seconds(guard)}", observer, activity);
                }
                facts = await probe.ConfigureAwait(false);
            }
            catch (DatabaseProviderException ex)
            {
                var failure = ex.TimedOut ? DatabaseFailure.Timeout
                    : ex.Number == DatabaseProviderException.LoginFailed ? DatabaseFailure.LoginFailed
                    : ex.Number == DatabaseProviderException.CannotOpenDatabase ? DatabaseFailure.DatabaseNotAccessible
                    : DatabaseFailure.Other;
                string detail = failure == DatabaseFailure.Timeout
                    ? $"{cs.DataSource} did not complete the SQL Server login within {NetworkProbe.Seconds(request.Timeout)} (something accepts the connection but does not speak to it as SQL Server would)"
                    : $"SQL Server error {ex.Number.ToString(CultureInfo.InvariantCulture)}: {cs.Scrub(ex.Message)}";
                return Failed(report, checks, failure, detail, observer, activity);
            }
            catch (ArgumentException ex)
            {
                throw new OctoHaException("InvalidConnectionString", OctoHaErrorKind.InvalidArgument,
                    $"The SQL client refused the connection string: {cs.Scrub(ex.Message)} Check the keywords against the SQL Server connection string documentation.", "ConnectionString");
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex.InnerException is DllNotFoundException)
            {
                throw new OctoHaException("SqlClientNativeMissing", OctoHaErrorKind.InvalidOperation,
                    "The SQL client's native network library (sni.dll) could not be loaded on this Windows machine. Run the test from Windows PowerShell 5.1, or install the Microsoft Visual C++ runtime and the module's native dependencies.", "ConnectionString");
            }
            catch (PlatformNotSupportedException)
            {
                throw new OctoHaException("SqlClientNotFound", OctoHaErrorKind.InvalidOperation,
                    "The SQL client for this runtime was not found beside OctoHa.Core.dll (runtimes/ or sqlclient/ folder): reinstall the module.", "ConnectionString");
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OctoHaException))
            {
                // Anything else the library throws (a socket or TLS error) is still a report, never a crash.
                return Failed(report, checks, DatabaseFailure.Other, $"{ex.GetType().Name}: {cs.Scrub(ex.Message)}", observer, activity);
            }

            report.Connected = true;
            checks.Add(new CheckResult("Connect", CheckStatus.Pass, $"Logged in to {cs.DataSource}" + (cs.Database != null ? $", database {cs.Database}." : ".")));
            Judge(report, checks, facts, cs, request);
            report.Checks = checks;
            observer.Progress(new OperationProgress(activity, "Done", 100, completed: true));
            return report;
        }

        private static DatabaseReport Failed(DatabaseReport report, List<CheckResult> checks, DatabaseFailure failure, string detail, IOperationObserver observer, string activity)
        {
            report.Connected = false;
            report.Failure = failure;
            report.Advice = FailureAdvice.For(failure);
            checks.Add(new CheckResult("Connect", CheckStatus.Fail, $"{Label(failure)}: {detail}. {report.Advice}", failure.ToString()));
            report.Checks = checks;
            observer.Progress(new OperationProgress(activity, "Done", 100, completed: true));
            return report;
        }

        private static string Label(DatabaseFailure failure) => failure switch
        {
            DatabaseFailure.Dns => "Name not resolved",
            DatabaseFailure.Refused => "Connection refused",
            DatabaseFailure.Timeout => "Timed out",
            DatabaseFailure.LoginFailed => "Login failed",
            DatabaseFailure.DatabaseNotAccessible => "Database not accessible",
            _ => "Could not connect",
        };

        /// <summary>Turns what the provider read into checks. Internal so tests can judge facts directly.</summary>
        internal static void Judge(DatabaseReport report, List<CheckResult> checks, DatabaseServerFacts facts, SqlConnectionString cs, DatabaseTestRequest request)
        {
            report.ProductVersion = facts.ProductVersion;
            report.Edition = facts.Edition;
            report.ProductLevel = facts.ProductLevel;
            report.IsDbOwner = facts.IsDbOwner;

            double? median = Median(facts.RoundTrips);
            report.LatencyMilliseconds = median;
            double threshold = request.LatencyThreshold.TotalMilliseconds;
            string ms = median.HasValue ? Ms(median.Value) : "";
            if (!median.HasValue)
                checks.Add(new CheckResult("Latency", CheckStatus.Warn, "No round trip was measured."));
            else if (median.Value > threshold)
                checks.Add(new CheckResult("Latency", CheckStatus.Warn,
                    $"The median of {facts.RoundTrips.Count} round trips is {ms}, above {Ms(threshold)}. Nodes are sensitive to latency to SQL Server: the HA guide asks for the nodes and SQL Server in the same data center or cloud region.", ms));
            else
                checks.Add(new CheckResult("Latency", CheckStatus.Pass, $"The median of {facts.RoundTrips.Count} round trips is {ms} (threshold {Ms(threshold)}).", ms));

            string version = string.Join(" ", new[] { facts.ProductVersion, facts.Edition, facts.ProductLevel }.Where(v => !string.IsNullOrEmpty(v)));
            checks.Add(new CheckResult("Version", CheckStatus.Pass, version.Length > 0 ? $"SQL Server {version}." : "The server did not report its version.", facts.ProductVersion));

            checks.Add(facts.IsDbOwner switch
            {
                true => new CheckResult("DbOwner", CheckStatus.Pass, "The login is db_owner of the database.", "True"),
                false => new CheckResult("DbOwner", CheckStatus.Warn, "The login is not db_owner of the database. Octopus Server needs db_owner to create and upgrade its schema: add the login's user to db_owner (ALTER ROLE db_owner ADD MEMBER ...).", "False"),
                null => new CheckResult("DbOwner", CheckStatus.Warn, "SQL Server could not tell whether the login is db_owner (IS_ROLEMEMBER returned NULL): check that the login maps to a user in the database."),
            });

            if (facts.MatchedListeners == null)
            {
                report.AvailabilityGroupListener = null;
                checks.Add(new CheckResult("AvailabilityGroup", CheckStatus.Pass,
                    $"Could not tell whether {cs.Host} is an Availability Group listener (this server has no listener view: {cs.Scrub(facts.ListenerQueryError)}); treated as not a listener."));
            }
            else if (facts.MatchedListeners.Count == 0)
            {
                report.AvailabilityGroupListener = false;
                checks.Add(new CheckResult("AvailabilityGroup", CheckStatus.Pass, $"{cs.Host} is not an Availability Group listener."));
            }
            else
            {
                report.AvailabilityGroupListener = true;
                string names = string.Join(", ", facts.MatchedListeners);
                checks.Add(cs.MultiSubnetFailover
                    ? new CheckResult("AvailabilityGroup", CheckStatus.Pass, $"Connected through the Availability Group listener {names}, with MultiSubnetFailover=True.", names)
                    : new CheckResult("AvailabilityGroup", CheckStatus.Warn,
                        $"Connected through the Availability Group listener {names} without MultiSubnetFailover=True. Add MultiSubnetFailover=True to the nodes' connection string so that after a failover they reconnect quickly to the new primary (whose address may be on another subnet) instead of waiting for a connect timeout.", names));
            }
        }

        internal static double? Median(IReadOnlyList<TimeSpan> trips)
        {
            if (trips == null || trips.Count == 0) return null;
            var sorted = trips.Select(t => t.TotalMilliseconds).OrderBy(x => x).ToArray();
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }

        private static string Ms(double ms) => ms.ToString("0.##", CultureInfo.InvariantCulture) + " ms";
    }
}
