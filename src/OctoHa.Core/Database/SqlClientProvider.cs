using System;
using System.Collections.Generic;
using System.Data.SqlClient;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

// System.Data.SqlClient marks its types obsolete in favour of Microsoft.Data.SqlClient; see docs/architecture.md for why we use it.
#pragma warning disable CS0618

namespace OctoHa.Database
{
    /// <summary>
    /// The System.Data.SqlClient implementation of the seam: the only code that touches the SQL library. It opens one
    /// unpooled connection, runs <see cref="DatabaseQueries"/>, and turns SqlException into DatabaseProviderException.
    /// </summary>
    public sealed class SqlClientProvider : IDatabaseProvider
    {
        public SqlClientProvider() => SqlClientAssembly.EnsureResolvable();

        public async Task<DatabaseServerFacts> ProbeAsync(string connectionString, string host, int rounds, TimeSpan timeout, CancellationToken ct)
        {
            try
            {
                return await Probe(connectionString, host, rounds, timeout, ct).ConfigureAwait(false);
            }
            catch (SqlException ex)
            {
                // -2 is the client's own timeout; 258 (WAIT_TIMEOUT) is how SNI reports a handshake that never came.
                bool timedOut = ex.Number == -2 || ex.Number == 258 || ex.InnerException is TimeoutException;
                throw new DatabaseProviderException(ex.Number, ex.Message, timedOut);
            }
            catch (InvalidOperationException ex) when (ex.Message.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DatabaseProviderException(-2, ex.Message, timedOut: true);
            }
        }

        private static async Task<DatabaseServerFacts> Probe(string connectionString, string host, int rounds, TimeSpan timeout, CancellationToken ct)
        {
            var builder = new SqlConnectionStringBuilder(connectionString)
            {
                // One fresh connection: a pooled one would hide the login, and would outlive the test.
                Pooling = false,
                ConnectTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
                ApplicationName = "OctoHa Test-OctoHaDatabase",
            };
            using var connection = new SqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var facts = new DatabaseServerFacts();

            using (var version = Command(connection, DatabaseQueries.Version, timeout))
            using (var reader = await version.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    facts.ProductVersion = reader.IsDBNull(0) ? null : reader.GetString(0);
                    facts.Edition = reader.IsDBNull(1) ? null : reader.GetString(1);
                    facts.ProductLevel = reader.IsDBNull(2) ? null : reader.GetString(2);
                }
            }

            using (var owner = Command(connection, DatabaseQueries.DbOwner, timeout))
            {
                object? value = await owner.ExecuteScalarAsync(ct).ConfigureAwait(false);
                facts.IsDbOwner = value == null || value is DBNull ? (bool?)null : Convert.ToInt32(value) == 1;
            }

            try
            {
                var matched = new List<string>();
                using var listeners = Command(connection, DatabaseQueries.Listeners, timeout);
                using var reader = await listeners.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    string? name = reader.IsDBNull(0) ? null : reader.GetString(0);
                    string? ip = reader.IsDBNull(1) ? null : reader.GetString(1);
                    if (ListenerMatch.Matches(host, name, ip) && name != null && !matched.Contains(name)) matched.Add(name);
                }
                facts.MatchedListeners = matched;
            }
            catch (SqlException ex)
            {
                // Servers without Availability Groups (before 2012, some Azure SQL tiers) have no such view.
                facts.ListenerQueryError = ex.Message;
            }

            var trips = new List<TimeSpan>();
            using (var ping = Command(connection, DatabaseQueries.RoundTrip, timeout))
            {
                for (int i = 0; i < Math.Max(1, rounds); i++)
                {
                    var watch = Stopwatch.StartNew();
                    await ping.ExecuteScalarAsync(ct).ConfigureAwait(false);
                    trips.Add(watch.Elapsed);
                }
            }
            facts.RoundTrips = trips;
            return facts;
        }

        private static SqlCommand Command(SqlConnection connection, string sql, TimeSpan timeout) =>
            new SqlCommand(sql, connection) { CommandTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)) };
    }

    /// <summary>Whether the host a connection string names is an Availability Group listener's name or address.</summary>
    public static class ListenerMatch
    {
        public static bool Matches(string host, string? dnsName, string? ipAddress)
        {
            if (string.IsNullOrEmpty(host)) return false;
            if (ipAddress != null && string.Equals(host, ipAddress, StringComparison.OrdinalIgnoreCase)) return true;
            if (string.IsNullOrEmpty(dnsName)) return false;
            // dns_name is the listener's network name (aglistener); the client may add the domain (aglistener.corp.example).
            if (string.Equals(host, dnsName, StringComparison.OrdinalIgnoreCase)) return true;
            int dot = host.IndexOf('.');
            return dot > 0 && string.Equals(host.Substring(0, dot), dnsName, StringComparison.OrdinalIgnoreCase);
        }
    }
}
