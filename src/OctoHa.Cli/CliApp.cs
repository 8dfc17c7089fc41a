using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using OctoHa.Cli.Commands;

namespace OctoHa.Cli
{
    /// <summary>Builds the `octoha` command tree and runs it with the contract's exit codes.</summary>
    public static class CliApp
    {
        public static RootCommand BuildRootCommand(CliContext context)
        {
            var root = new RootCommand("OctoHa: safe, scriptable operations for Octopus Deploy High Availability clusters.");
            root.Subcommands.Add(PlanCommands.Build(context));
            root.Subcommands.Add(NodeCommands.Build(context));
            root.Subcommands.Add(BlobCommands.Build(context));
            root.Subcommands.Add(TentacleCommands.Build(context));
            root.Subcommands.Add(StorageCommands.Build(context));
            root.Subcommands.Add(DatabaseCommands.Build(context));
            root.Subcommands.Add(EmulatorCommands.Build(context));
            return root;
        }

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var context = new CliContext(stdout, stderr);
            RootCommand root = BuildRootCommand(context);
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                foreach (var error in parsed.Errors)
                {
                    stderr.WriteLine($"octoha: {error.Message}");
                }
                stderr.WriteLine("Run 'octoha --help' (or add --help after the verb) for usage.");
                // blob copy speaks robocopy's exit codes, where bad usage is a fatal error (16).
                bool blobCopy = parsed.CommandResult.Command.Name == "copy" && parsed.CommandResult.Parent is System.CommandLine.Parsing.CommandResult { Command.Name: "blob" };
                return blobCopy ? Commands.BlobCommands.Fatal : ExitCodes.BadUsage;
            }
            try
            {
                return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
            }
            catch (OctoHaException ex)
            {
                stderr.WriteLine($"octoha: {ex.ErrorId}: {ex.Message}");
                return ex.Kind == OctoHaErrorKind.InvalidArgument ? ExitCodes.BadUsage : ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("octoha: cancelled.");
                return ExitCodes.Failed;
            }
        }

        /// <summary>Every command path in the tree ("plan task-cap"), for the twin map's test.</summary>
        public static string[] CommandPaths(RootCommand root)
        {
            return Walk(root, "").ToArray();

            static System.Collections.Generic.IEnumerable<string> Walk(Command command, string prefix)
            {
                foreach (Command sub in command.Subcommands)
                {
                    string path = prefix.Length == 0 ? sub.Name : prefix + " " + sub.Name;
                    yield return path;
                    foreach (string deeper in Walk(sub, path)) yield return deeper;
                }
            }
        }
    }
}
