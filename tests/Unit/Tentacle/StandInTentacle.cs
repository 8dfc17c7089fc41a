using OctoHa.Tests.TestSupport;

namespace OctoHa.Tests.Tentacle
{
    /// <summary>A STAND-IN for the Tentacle program (the real one cannot run here): see <see cref="StandInProgram"/>.</summary>
    internal sealed class StandInTentacle
    {
        private readonly StandInProgram _program;

        public StandInTentacle(string folder) => _program = new StandInProgram(folder, "Tentacle");

        public string ProgramPath => _program.ProgramPath;

        public void FailAt(int call) => _program.FailAt(call);

        public string[] Calls() => _program.Calls();
    }
}
