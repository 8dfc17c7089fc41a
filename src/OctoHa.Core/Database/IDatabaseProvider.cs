using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Database
{
    /// <summary>
    /// The one seam to the SQL client library, so it can be swapped (see docs/architecture.md): the only code that
    /// touches it is <see cref="SqlClientProvider"/>. A provider opens the connection, runs <see cref="DatabaseQueries"/>
    /// and times the round trips; <see cref="DatabaseTester"/> judges what it returns. A provider reports SQL errors as
    /// <see cref="DatabaseProviderException"/>, never as the library's own exception types.
    /// </summary>
    public interface IDatabaseProvider
    {
        /// <param name="connectionString">The real connection string, with its secret: never put it in a message.</param>
        /// <param name="host">The host the connection string names, for matching an Availability Group listener.</param>
        Task<DatabaseServerFacts> ProbeAsync(string connectionString, string host, int rounds, TimeSpan timeout, CancellationToken ct);
    }

    /// <summary>What a provider read from the server.</summary>
    public sealed class DatabaseServerFacts
    {
        public string? ProductVersion { get; set; }
        public string? Edition { get; set; }
        public string? ProductLevel { get; set; }

        /// <summary>IS_ROLEMEMBER('db_owner'): null when the server could not tell.</summary>
        public bool? IsDbOwner { get; set; }

        /// <summary>The Availability Group listeners (dns_name and IP addresses) the host matched; empty for none; null when the server could not tell.</summary>
        public IReadOnlyList<string>? MatchedListeners { get; set; }

        /// <summary>Why the listener query failed (editions or versions without Availability Groups), masked.</summary>
        public string? ListenerQueryError { get; set; }

        /// <summary>Each timed round trip of SELECT 1 on the open connection.</summary>
        public IReadOnlyList<TimeSpan> RoundTrips { get; set; } = new TimeSpan[0];
    }

    /// <summary>A SQL error as the provider saw it: SQL Server's error number (18456 login failed, 4060 database not accessible; -2 timeout) and its message.</summary>
    public sealed class DatabaseProviderException : Exception
    {
        public DatabaseProviderException(int number, string message, bool timedOut = false) : base(message)
        {
            Number = number;
            TimedOut = timedOut;
        }

        public int Number { get; }

        /// <summary>The library gave up waiting (connect timeout, or pre-login handshake that never came).</summary>
        public bool TimedOut { get; }

        public const int LoginFailed = 18456;
        public const int CannotOpenDatabase = 4060;
    }
}
