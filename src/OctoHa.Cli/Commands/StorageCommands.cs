using System.CommandLine;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha storage new|test`: the twins of New-OctoHaSharedStorage and Test-OctoHaSharedStorage. SKELETON.</summary>
    internal static class StorageCommands
    {
        public static Command Build(CliContext context)
        {
            var storage = new Command("storage", "Prepare and check the shared storage every node uses for blob data.");
            storage.Subcommands.Add(new Command("new", "SKELETON"));
            storage.Subcommands.Add(new Command("test", "SKELETON"));
            return storage;
        }
    }
}
