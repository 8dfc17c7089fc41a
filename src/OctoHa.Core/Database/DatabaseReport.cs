using System.Collections.Generic;

namespace OctoHa.Database
{
    /// <summary>Why a connection failed, classified so the advice can be specific.</summary>
    public enum DatabaseFailure
    {
        None,
        Dns,
        Refused,
        Timeout,
        LoginFailed,
        DatabaseNotAccessible,
        Other,
    }

    /// <summary>What Test-OctoHaDatabase found. Every text in it is masked: no password, token or secret.</summary>
    public sealed class DatabaseReport
    {
        /// <summary>The server as the connection string names it (tcp:host,port, host\INSTANCE...).</summary>
        public string Server { get; set; } = "";

        public string? Database { get; set; }

        /// <summary>The connection string with every secret replaced by ********.</summary>
        public string ConnectionString { get; set; } = "";

        public bool Connected { get; set; }

        /// <summary>None when connected; otherwise what kind of failure it was.</summary>
        public DatabaseFailure Failure { get; set; }

        /// <summary>What to do about the failure; null when connected.</summary>
        public string? Advice { get; set; }

        /// <summary>The median of the round trips of SELECT 1, in milliseconds; null when not connected.</summary>
        public double? LatencyMilliseconds { get; set; }

        public string? ProductVersion { get; set; }
        public string? Edition { get; set; }
        public string? ProductLevel { get; set; }

        /// <summary>Whether the login is db_owner of the database; null when it could not be told.</summary>
        public bool? IsDbOwner { get; set; }

        /// <summary>Whether the server was reached through an Availability Group listener; null when it could not be told.</summary>
        public bool? AvailabilityGroupListener { get; set; }

        public bool MultiSubnetFailover { get; set; }

        /// <summary>Every check with its status and reason (Connect, Latency, Version, DbOwner, AvailabilityGroup).</summary>
        public IReadOnlyList<CheckResult> Checks { get; set; } = new CheckResult[0];
    }
}
