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
        // Each area's command tree, built on demand: a short run (a no-change mirror pass) should not pay for
        // building and JIT-compiling every other verb's options.
        private static readonly (string Name, Func<CliContext, Command> Build)[] Areas =
        {
            ("plan", PlanCommands.Build),
            ("node", NodeCommands.Build),
            ("blob", BlobCommands.Build),
            ("tentacle", TentacleCommands.Build),
            ("storage", StorageCommands.Build),
            ("database", DatabaseCommands.Build),
            ("emulator", EmulatorCommands.Build),
        };

        /// <summary>The whole tree (help, the twin map's test).</summary>
        public static RootCommand BuildRootCommand(CliContext context) => BuildRootCommand(context, null);

        /// <summary>The tree with only <paramref name="area"/> built in full (every area when null or unknown).</summary>
        internal static RootCommand BuildRootCommand(CliContext context, string? area)
        {
            bool known = area != null && Array.Exists(Areas, a => a.Name == area);
            var root = new RootCommand("OctoHa: safe, scriptable operations for Octopus Deploy High Availability clusters.");
            foreach (var (name, build) in Areas)
            {
                // Another area is only a name here: the parse never goes into it, and root help is never shown then.
                root.Subcommands.Add(!known || name == area ? build(context) : new Command(name));
            }
            return root;
        }

        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            var context = new CliContext(stdout, stderr);
            RootCommand root = BuildRootCommand(context, args.Length > 0 ? args[0] : null);
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
