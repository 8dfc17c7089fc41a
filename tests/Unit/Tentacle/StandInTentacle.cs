using System;
using System.IO;
using System.Linq;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>
    /// A STAND-IN for the Tentacle program, written by the tests because the real Tentacle cannot run here. It is a
    /// shell script that records each call's arguments (one line per call) and fails with exit code 3 on a chosen call,
    /// printing its arguments to stderr, as a real failure message might echo them.
    /// </summary>
    internal sealed class StandInTentacle
    {
        public StandInTentacle(string folder)
        {
            Folder = Path.Combine(folder, "tentacle-bin");
            Directory.CreateDirectory(Folder);
            Path_ = System.IO.Path.Combine(Folder, "Tentacle");
            File.WriteAllText(Path_,
                "#!/bin/sh\n" +
                "# Stand-in for Tentacle (tests only): records its arguments, fails on the call named in fail-at.\n" +
                "dir=$(dirname \"$0\")\n" +
                "printf '%s\\n' \"$*\" >> \"$dir/calls.log\"\n" +
                "n=$(wc -l < \"$dir/calls.log\")\n" +
                "if [ -f \"$dir/fail-at\" ] && [ \"$n\" -eq \"$(cat \"$dir/fail-at\")\" ]; then echo \"Error: the server refused: $*\" >&2; exit 3; fi\n" +
                "echo \"Stand-in Tentacle: done ($1)\"\n");
            File.SetUnixFileMode(Path_, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Folder { get; }

        // Named with an underscore: System.IO.Path is used inside this class.
        private string Path_ { get; }

        public string ProgramPath => Path_;

        /// <summary>Makes the n-th call (1-based) fail.</summary>
        public void FailAt(int call) => File.WriteAllText(System.IO.Path.Combine(Folder, "fail-at"), call.ToString());

        public string[] Calls()
        {
            string log = System.IO.Path.Combine(Folder, "calls.log");
            return File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>();
        }
    }
}
