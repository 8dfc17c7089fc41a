using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;

namespace OctoHa.Nodes
{
    /// <summary>
    /// Reads and builds SQL Server connection strings so that only their password is secret: the admin still sees
    /// which server and database a command uses. (A small helper of this area; the database helper may have its own,
    /// and the two can become one.)
    /// </summary>
    public static class ConnectionStrings
    {
        private static readonly string[] PasswordKeys = { "Password", "Pwd" };

        /// <summary>The password the connection string carries, or null (integrated security); null too when it cannot be parsed.</summary>
        public static string? PasswordOf(string connectionString)
        {
            var builder = TryParse(connectionString);
            if (builder == null) return null;
            foreach (string key in PasswordKeys)
            {
                if (builder.TryGetValue(key, out object? value) && value is string s && s.Length > 0) return s;
            }
            return null;
        }

        /// <summary>
        /// The secrets to hand to an ExternalCommand, in the order its mask applies them: the password first (so the
        /// rest stays readable), then the whole string as a fallback for a password escaped in a way that does not
        /// appear verbatim. A connection string without a password holds no secret.
        /// </summary>
        public static IReadOnlyList<string> SecretsOf(string connectionString)
        {
            string? password = PasswordOf(connectionString);
            if (password != null) return new[] { password, connectionString };
            return TryParse(connectionString) == null ? new[] { connectionString } : Array.Empty<string>();
        }

        /// <summary>Checks that a connection string can be read and names a server; never echoes it.</summary>
        public static void Validate(string? connectionString, string source)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new OctoHaException("ConnectionStringMissing", OctoHaErrorKind.InvalidArgument,
                    $"No database connection string was given ({source}). Give the one the other nodes use, e.g. Server=sql01;Database=Octopus;User ID=octo;Password=...", source);
            var builder = TryParse(connectionString!);
            if (builder == null)
                throw new OctoHaException("ConnectionStringMalformed", OctoHaErrorKind.InvalidArgument,
                    $"The database connection string from {source} cannot be read as key=value pairs separated by ';'. Check its quoting (it is not shown here because it may hold a password).", source);
            if (!new[] { "Server", "Data Source", "Address", "Addr", "Network Address" }.Any(k => builder.ContainsKey(k)))
                throw new OctoHaException("ConnectionStringMalformed", OctoHaErrorKind.InvalidArgument,
                    $"The database connection string from {source} names no server (Server=... or Data Source=...). Give the one the other nodes use.", source);
        }

        /// <summary>A connection string from its parts; without a user, Windows (integrated) authentication of the service account.</summary>
        public static string Build(string server, string database, string? user, string? password)
        {
            if (string.IsNullOrWhiteSpace(server))
                throw new OctoHaException("DatabaseServerMissing", OctoHaErrorKind.InvalidArgument, "No database server was given (e.g. sql01 or sql01,1433 or the availability group listener).", "DatabaseServer");
            if (string.IsNullOrWhiteSpace(database))
                throw new OctoHaException("DatabaseNameMissing", OctoHaErrorKind.InvalidArgument, "No database name was given (the Octopus database the other nodes use).", "DatabaseName");
            var builder = new DbConnectionStringBuilder { ["Server"] = server.Trim(), ["Database"] = database.Trim() };
            if (string.IsNullOrEmpty(user)) builder["Integrated Security"] = "True";
            else
            {
                builder["User ID"] = user;
                builder["Password"] = password ?? "";
            }
            return builder.ConnectionString;
        }

        private static DbConnectionStringBuilder? TryParse(string connectionString)
        {
            try
            {
                return new DbConnectionStringBuilder { ConnectionString = connectionString };
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
