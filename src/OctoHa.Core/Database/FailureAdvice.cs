namespace OctoHa.Database
{
    /// <summary>What an admin does about each kind of connection failure.</summary>
    public static class FailureAdvice
    {
        public static string For(DatabaseFailure failure) => failure switch
        {
            DatabaseFailure.Dns => "Check the server name in the connection string, and that this machine's DNS (or DNS suffix search list) resolves it; use the fully qualified name if a short name does not resolve.",
            DatabaseFailure.Refused => "SQL Server is not listening on that port: check the port (SQL Server Configuration Manager, TCP/IP properties; a named instance often uses a dynamic port), that TCP/IP is enabled there for the instance, that the SQL Server service is running, and that no firewall rejects the connection.",
            DatabaseFailure.Timeout => "Nothing answered in time: a firewall (Windows Firewall, a network security group) may be dropping the packets, the port may be wrong, or there is no network path from this node to the server. Check the port and the firewall rules from this machine.",
            DatabaseFailure.LoginFailed => "Check the user name and password; that SQL Server allows SQL Server authentication (mixed mode) for a SQL login; that the login exists, is enabled, and maps to a user in the Octopus database. SQL Server's error log gives the exact reason (the State of error 18456).",
            DatabaseFailure.DatabaseNotAccessible => "The login worked but cannot open the database: check the database name, that it exists and is online, and that the login is mapped to a user in it (db_owner for Octopus).",
            DatabaseFailure.Other => "Read SQL Server's message above; the SQL Server error log on the server has more detail.",
            _ => "",
        };
    }
}
