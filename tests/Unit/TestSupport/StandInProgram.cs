using System;
using System.IO;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>
    /// A STAND-IN for a program the tests cannot run here (Tentacle, Octopus.Server): a shell script, written by the
    /// test, that records each call's arguments (one line per call, in calls.log beside it) and can fail on request,
    /// on the n-th call or on the first call whose first argument is a chosen verb. A failure exits 3 and echoes its
    /// arguments to stderr, as a real program's error might, so tests can check that secrets are masked downstream.
    /// </summary>
    public sealed class StandInProgram
    {
        public StandInProgram(string folder, string name)
        {
            Folder = Path.Combine(folder, "stand-in-" + name.ToLowerInvariant().Replace('.', '-'));
            Directory.CreateDirectory(Folder);
            ProgramPath = Path.Combine(Folder, name);
            File.WriteAllText(ProgramPath,
                "#!/bin/sh\n" +
                "# Stand-in for " + name + " (tests only): records its arguments, fails on the call named in fail-at or the verb in fail-on.\n" +
                "dir=$(dirname \"$0\")\n" +
                "printf '%s\\n' \"$*\" >> \"$dir/calls.log\"\n" +
                "n=$(wc -l < \"$dir/calls.log\")\n" +
                "if [ -f \"$dir/fail-at\" ] && [ \"$n\" -eq \"$(cat \"$dir/fail-at\")\" ]; then echo \"Error: the server refused: $*\" >&2; exit 3; fi\n" +
                "if [ -f \"$dir/fail-on\" ] && [ \"$1\" = \"$(cat \"$dir/fail-on\")\" ]; then echo \"Error: $1 failed: $*\" >&2; exit 3; fi\n" +
                "echo \"Stand-in " + name + ": done ($1)\"\n");
            File.SetUnixFileMode(ProgramPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Folder { get; }
        public string ProgramPath { get; }

        /// <summary>Makes the n-th call (1-based) fail.</summary>
        public void FailAt(int call) => File.WriteAllText(Path.Combine(Folder, "fail-at"), call.ToString());

        /// <summary>Makes the first call whose first argument is this verb (e.g. "database") fail.</summary>
        public void FailOn(string verb) => File.WriteAllText(Path.Combine(Folder, "fail-on"), verb);

        /// <summary>Each call's arguments joined by spaces, in call order.</summary>
        public string[] Calls()
        {
            string log = Path.Combine(Folder, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>();
        }
    }
}
