using System;
using System.IO;

namespace OctoHa.Cli
{
    /// <summary>
    /// Where the CLI takes a secret from: a file named by a flag, else an environment variable, never a plain flag
    /// (command lines are visible to other users). One reader for the API key, connection string and master key.
    /// </summary>
    internal static class SecretInput
    {
        /// <summary>The file's content (trimmed, even if empty), else the variable's value, or null when neither is given or the variable is blank.</summary>
        public static string? Read(FileInfo? file, string? variable, string fileMissingErrorId, string flag)
        {
            if (file != null)
            {
                if (!file.Exists)
                    throw new OctoHaException(fileMissingErrorId, OctoHaErrorKind.InvalidArgument, $"The file {file.FullName} ({flag}) does not exist.", file.FullName);
                return File.ReadAllText(file.FullName).Trim();
            }
            string? value = variable == null ? null : Environment.GetEnvironmentVariable(variable)?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }
    }
}
