using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using OctoHa.Processes;

namespace OctoHa.Database
{
    /// <summary>
    /// A SQL Server connection string, read once: where it points (host, port, instance), and a masked rendering for
    /// every display. Reading it never echoes it: a malformed string is an InvalidArgument error without its text.
    /// </summary>
    public sealed class SqlConnectionString
    {
        public const int DefaultPort = 1433;

        private static readonly string[] ServerKeys = { "data source", "server", "address", "addr", "network address" };
        private static readonly string[] DatabaseKeys = { "initial catalog", "database" };

        private readonly DbConnectionStringBuilder _builder;

        private SqlConnectionString(DbConnectionStringBuilder builder, string raw)
        {
            _builder = builder;
            Raw = raw;
            DataSource = First(ServerKeys) ?? "";
            Database = First(DatabaseKeys);
            ParseDataSource(DataSource);
            MultiSubnetFailover = IsTrue(First(new[] { "multisubnetfailover", "multi subnet failover" }));
            Secrets = builder.Keys.Cast<string>().Where(IsSecretKey).Select(k => Convert.ToString(builder[k], CultureInfo.InvariantCulture) ?? "")
                .Where(v => v.Length > 0).ToList();
        }

        /// <summary>The string as given, secrets included: only for the provider, never for display.</summary>
        internal string Raw { get; }

        /// <summary>The values of every secret key, to scrub from any message that might quote them.</summary>
        internal IReadOnlyList<string> Secrets { get; }

        /// <summary>The server as written (tcp:host,port, host\INSTANCE, ...).</summary>
        public string DataSource { get; }

        public string? Database { get; }

        /// <summary>The host name or address to resolve; empty for a named pipe or LocalDB.</summary>
        public string Host { get; private set; } = "";

        /// <summary>The TCP port: given, or 1433; null when SQL Browser picks it (named instance) or the transport is not TCP.</summary>
        public int? Port { get; private set; }

        /// <summary>The named instance (host\INSTANCE), if any.</summary>
        public string? Instance { get; private set; }

        /// <summary>Why the DNS and TCP pre-check is skipped (named instance without a port, named pipes, LocalDB); null when it runs.</summary>
        public string? PreCheckSkipped { get; private set; }

        public bool MultiSubnetFailover { get; }

        /// <summary>
        /// Reads a connection string. Throws OctoHaException InvalidConnectionString (InvalidArgument) when it is
        /// malformed or names no server; the message never contains the string, and the builder's exception is not passed on.
        /// </summary>
        public static SqlConnectionString Parse(string? connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw Invalid("The connection string is empty. Give the connection string the Octopus nodes use (Server=...;Database=...;...).");
            var builder = new DbConnectionStringBuilder();
            try
            {
                builder.ConnectionString = connectionString;
            }
            catch (ArgumentException)
            {
                // The builder's message may quote the string (and so the password): say what is wrong without it.
                throw Invalid("The connection string could not be read: it must be key=value pairs separated by semicolons, and a value that "
                    + "contains ; or = or starts with a quote must be quoted ('...' or \"...\"). Its text is not shown because it may hold a password.");
            }
            var parsed = new SqlConnectionString(builder, connectionString!);
            if (parsed.DataSource.Length == 0)
                throw Invalid("The connection string names no server: add Server=HOST (or Data Source=HOST,PORT or HOST\\INSTANCE).");
            return parsed;
        }

        /// <summary>
        /// A connection string from its parts (Test-OctoHaDatabase -Server): a SQL login when a user is given,
        /// else integrated security (the Windows or Kerberos identity running the command).
        /// </summary>
        public static string Build(string server, string? database, string? user, string? password, bool multiSubnetFailover)
        {
            if (string.IsNullOrWhiteSpace(server)) throw Invalid("Give the server (HOST, HOST,PORT or HOST\\INSTANCE).");
            var b = new DbConnectionStringBuilder { ["Server"] = server.Trim() };
            if (!string.IsNullOrWhiteSpace(database)) b["Database"] = database!.Trim();
            if (!string.IsNullOrEmpty(user))
            {
                b["User ID"] = user;
                b["Password"] = password ?? "";
            }
            else
            {
                b["Integrated Security"] = "True";
            }
            if (multiSubnetFailover) b["MultiSubnetFailover"] = "True";
            return b.ConnectionString;
        }

        /// <summary>The connection string for display: every secret value replaced by ********.</summary>
        public string Masked()
        {
            var copy = new DbConnectionStringBuilder();
            foreach (string key in _builder.Keys)
            {
                copy[key] = IsSecretKey(key) ? ExternalCommand.MaskedSecret : _builder[key];
            }
            return copy.ConnectionString;
        }

        public override string ToString() => Masked();

        /// <summary>Replaces every secret of this connection string inside a text (a library's error message).</summary>
        public string Scrub(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            foreach (string secret in Secrets) text = text!.Replace(secret, ExternalCommand.MaskedSecret);
            return text!;
        }

        /// <summary>
        /// The secrets of a connection string, for an ExternalCommand's mask, in the order it applies them: each secret
        /// value first (so the server and database stay readable), then the whole string, as a fallback for a value
        /// quoted in a way that does not appear word for word. A string without secrets (integrated security) has none;
        /// one that cannot be read is all secret.
        /// </summary>
        public static IReadOnlyList<string> SecretsOf(string? connectionString)
        {
            if (string.IsNullOrEmpty(connectionString)) return new string[0];
            try
            {
                var parsed = Parse(connectionString);
                return parsed.Secrets.Count == 0 ? parsed.Secrets : parsed.Secrets.Concat(new[] { connectionString! }).ToList();
            }
            catch (OctoHaException)
            {
                return new[] { connectionString! };
            }
        }

        /// <summary>
        /// Keys that hold a secret: Password/PWD, and any key naming a password, secret, token or key (Access Token,
        /// Client Secret, Column Encryption Key Store passwords and the like).
        /// </summary>
        public static bool IsSecretKey(string key)
        {
            string k = key.Replace(" ", "").Replace("_", "").ToLowerInvariant();
            return k == "pwd" || k.Contains("password") || k.Contains("secret") || k.Contains("token") || k.EndsWith("key", StringComparison.Ordinal);
        }

        private void ParseDataSource(string dataSource)
        {
            string ds = dataSource.Trim();
            int colon = ds.IndexOf(':');
            string protocol = "";
            if (colon > 0 && new[] { "tcp", "np", "lpc", "admin" }.Contains(ds.Substring(0, colon).Trim().ToLowerInvariant()))
            {
                protocol = ds.Substring(0, colon).Trim().ToLowerInvariant();
                ds = ds.Substring(colon + 1);
            }
            if (protocol == "np" || protocol == "lpc")
            {
                PreCheckSkipped = $"the server is reached through {(protocol == "np" ? "named pipes" : "shared memory")}, not TCP";
                return;
            }
            if (ds.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase))
            {
                PreCheckSkipped = "LocalDB is reached through a named pipe, not TCP";
                return;
            }
            string hostPart = ds;
            int comma = ds.LastIndexOf(',');
            if (comma >= 0)
            {
                hostPart = ds.Substring(0, comma);
                if (!int.TryParse(ds.Substring(comma + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
                    throw Invalid($"The server {dataSource} has a port that is not a number from 1 to 65535. Write it as HOST,PORT (a comma, as SQL Server does).");
                Port = port;
            }
            int slash = hostPart.IndexOf('\\');
            if (slash >= 0)
            {
                Instance = hostPart.Substring(slash + 1).Trim();
                hostPart = hostPart.Substring(0, slash);
            }
            string host = hostPart.Trim();
            Host = host == "." || host.Equals("(local)", StringComparison.OrdinalIgnoreCase) ? "localhost" : host;
            if (Port == null && Instance != null)
            {
                PreCheckSkipped = $"the named instance {Instance} has no port, so SQL Server Browser (UDP 1434) tells the client its port";
                return;
            }
            Port ??= DefaultPort;
        }

        private string? First(IEnumerable<string> keys)
        {
            foreach (string key in keys)
            {
                if (_builder.TryGetValue(key, out object? value) && value != null) return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
            return null;
        }

        private static bool IsTrue(string? value) =>
            value != null && (value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase));

        private static OctoHaException Invalid(string message) =>
            new OctoHaException("InvalidConnectionString", OctoHaErrorKind.InvalidArgument, message, "ConnectionString");
    }
}
