using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using OctoHa.Cli.Output;
using OctoHa.Database;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha database test`: the twin of Test-OctoHaDatabase.</summary>
    internal static class DatabaseCommands
    {
        /// <summary>Where the connection string comes from unless --connection-string-file is given.</summary>
        public const string ConnectionStringVariable = "OCTOHA_DB_CONNECTION_STRING";

        public static Command Build(CliContext context)
        {
            var database = new Command("database", "Check the Octopus database as the nodes see it.");
            database.Subcommands.Add(Test(context));
            return database;
        }

        private static Command Test(CliContext context)
        {
            var file = new Option<FileInfo?>("--connection-string-file") { Description = $"File whose content is the connection string (else the {ConnectionStringVariable} environment variable). The connection string is never printed; its password shows as ********." };
            var rounds = new Option<int>("--rounds") { Description = "Round trips of SELECT 1 to time; the median counts (default 5).", DefaultValueFactory = _ => DatabaseTestRequest.DefaultRounds };
            var threshold = new Option<double>("--latency-threshold") { Description = "Median latency in milliseconds above which Latency is a Warn (default 10: a database in the same data center or region answers in 1-2 ms).", DefaultValueFactory = _ => DatabaseTestRequest.DefaultLatencyThreshold.TotalMilliseconds };
            var timeout = new Option<double>("--timeout") { Description = "Seconds the DNS lookup, TCP connect and SQL login may each take (default 15).", DefaultValueFactory = _ => DatabaseTestRequest.DefaultTimeout.TotalSeconds };
            var output = Outputs.CreateOption();
            var verbose = new Option<bool>("--verbose", "-v") { Description = "Print what is being done on stderr." };
            var command = new Command("test", "Connect to the Octopus database and report latency, version, db_owner and Availability Group listener advice. Exit 0 when it connects and no check Fails, 1 otherwise, 2 for bad input.")
            {
                file, rounds, threshold, timeout, output, verbose,
            };
            command.SetAction(async (parse, ct) =>
            {
                var request = new DatabaseTestRequest
                {
                    ConnectionString = ConnectionString(parse.GetValue(file)),
                    Rounds = parse.GetValue(rounds),
                    LatencyThreshold = Positive(parse.GetValue(threshold), "--latency-threshold", TimeSpan.FromMilliseconds),
                    Timeout = Positive(parse.GetValue(timeout), "--timeout", TimeSpan.FromSeconds),
                };
                bool json = parse.GetValue(output) == OutputFormat.Json;
                var report = await DatabaseTester.TestAsync(request, new CliObserver(context.Error, parse.GetValue(verbose)), ct).ConfigureAwait(false);
                if (json) Outputs.WriteJson(context.Out, report);
                else Print(context.Out, report);
                bool failed = !report.Connected || System.Linq.Enumerable.Any(report.Checks, c => c.Status == CheckStatus.Fail);
                return failed ? ExitCodes.Failed : ExitCodes.Success;
            });
            return command;
        }

        private static string ConnectionString(FileInfo? file) =>
            SecretInput.Read(file, ConnectionStringVariable, "ConnectionStringFileMissing", "--connection-string-file")
            ?? throw new OctoHaException("ConnectionStringMissing", OctoHaErrorKind.InvalidArgument,
                $"No connection string: set {ConnectionStringVariable} or give --connection-string-file PATH. (There is no flag for the string itself: command lines are visible to other users.)");

        private static TimeSpan Positive(double value, string flag, Func<double, TimeSpan> unit)
        {
            if (!(value > 0) || double.IsInfinity(value))
                throw new OctoHaException("InvalidArgument", OctoHaErrorKind.InvalidArgument, $"{flag} must be a number more than zero.", flag);
            return unit(value);
        }

        private static void Print(TextWriter o, DatabaseReport r)
        {
            o.WriteLine($"Server:      {r.Server}" + (r.Database != null ? $"  Database: {r.Database}" : ""));
            o.WriteLine($"Connected:   {(r.Connected ? "yes" : "no (" + r.Failure + ")")}");
            if (r.LatencyMilliseconds.HasValue) o.WriteLine($"Latency:     {r.LatencyMilliseconds.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} ms (median)");
            if (r.ProductVersion != null) o.WriteLine($"Version:     {r.ProductVersion} {r.Edition} {r.ProductLevel}".TrimEnd());
            o.WriteLine();
            TableWriter.Write(o, r.Checks, ("Status", c => c.Status), ("Check", c => c.Check), ("Reason", c => c.Reason));
        }
    }
}
