namespace OctoHa.Database
{
    /// <summary>The queries Test-OctoHaDatabase runs once connected; all read-only (documented in Test-OctoHaDatabase help).</summary>
    public static class DatabaseQueries
    {
        public const string Version = "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)), CAST(SERVERPROPERTY('Edition') AS nvarchar(128)), CAST(SERVERPROPERTY('ProductLevel') AS nvarchar(128))";

        /// <summary>1 when the login is db_owner of the connection's database, 0 when not, NULL when it cannot tell.</summary>
        public const string DbOwner = "SELECT IS_ROLEMEMBER('db_owner')";

        /// <summary>Every listener name and IP address; fails on servers without Availability Groups (before 2012, some Azure SQL tiers).</summary>
        public const string Listeners = "SELECT l.dns_name, ip.ip_address FROM sys.availability_group_listeners l LEFT JOIN sys.availability_group_listener_ip_addresses ip ON ip.listener_id = l.listener_id";

        /// <summary>Timed Rounds times on the open connection; the median is the latency.</summary>
        public const string RoundTrip = "SELECT 1";
    }
}
