using System.CommandLine;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha database test`: the twin of Test-OctoHaDatabase. SKELETON.</summary>
    internal static class DatabaseCommands
    {
        public static Command Build(CliContext context)
        {
            var database = new Command("database", "Check the Octopus database as the nodes see it.");
            database.Subcommands.Add(new Command("test", "SKELETON"));
            return database;
        }
    }
}
