using System;

namespace OctoHa.Database
{
    /// <summary>What Test-OctoHaDatabase checks. The connection string holds a secret: it is never printed as given.</summary>
    public sealed class DatabaseTestRequest
    {
        /// <summary>The Octopus database connection string, as the nodes use it (the secret it may hold is never shown).</summary>
        public string ConnectionString { get; set; } = "";

        /// <summary>Round trips measured; the median counts.</summary>
        public int Rounds { get; set; } = DefaultRounds;

        /// <summary>A median round trip above this is a Warn: nodes are sensitive to latency to SQL Server (HA guide).</summary>
        public TimeSpan LatencyThreshold { get; set; } = DefaultLatencyThreshold;

        /// <summary>How long the DNS lookup, the TCP connect and the SQL login may each take.</summary>
        public TimeSpan Timeout { get; set; } = DefaultTimeout;

        /// <summary>The SQL provider; the default is the System.Data.SqlClient one. Tests of our own code pass a stand-in (SQL Server cannot run here).</summary>
        public IDatabaseProvider? Provider { get; set; }

        public const int DefaultRounds = 5;

        /// <summary>
        /// 10 ms: a round trip inside one data center or cloud region (availability zones included) takes about 1-2 ms,
        /// one between regions tens of milliseconds. 10 ms leaves room for a busy network in one region and still
        /// catches a database in another region, which the HA guide says is not acceptable.
        /// </summary>
        public static readonly TimeSpan DefaultLatencyThreshold = TimeSpan.FromMilliseconds(10);

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    }
}
