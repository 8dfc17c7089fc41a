using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Database
{
    /// <summary>What Test-OctoHaDatabase checks. The connection string holds a secret: it is never printed as given.</summary>
    public sealed class DatabaseTestRequest
    {
        public string ConnectionString { get; set; } = "";

        /// <summary>Round trips measured; the median counts.</summary>
        public int Rounds { get; set; } = 5;

        /// <summary>The SQL provider; the default is the System.Data.SqlClient one. Tests of our own code pass a stand-in (SQL Server cannot run here).</summary>
        public IDatabaseProvider? Provider { get; set; }
    }

    /// <summary>The one seam to the SQL client library, so it can be swapped (see docs/architecture.md).</summary>
    public interface IDatabaseProvider
    {
    }

    /// <summary>What Test-OctoHaDatabase found. SKELETON: the database helper completes it.</summary>
    public sealed class DatabaseReport
    {
        public bool Connected { get; set; }

        /// <summary>Every check with its status and reason (Connect, Latency, Version, DbOwner, AvailabilityGroup...).</summary>
        public IReadOnlyList<CheckResult> Checks { get; set; } = new CheckResult[0];
    }

    public static class DatabaseTester
    {
        /// <summary>Never throws for a database that cannot be reached: that is a report with Connected = false and a Fail check.</summary>
        public static Task<DatabaseReport> TestAsync(DatabaseTestRequest request, IOperationObserver? observer, CancellationToken ct) =>
            throw new NotImplementedException("SKELETON: the database helper implements this.");
    }
}
