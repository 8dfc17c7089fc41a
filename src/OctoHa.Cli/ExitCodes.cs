namespace OctoHa.Cli
{
    /// <summary>The CLI contract's exit codes (design.md). `octoha blob copy` uses robocopy's bit mask instead.</summary>
    public static class ExitCodes
    {
        public const int Success = 0;
        public const int Failed = 1;
        public const int BadUsage = 2;
    }
}
