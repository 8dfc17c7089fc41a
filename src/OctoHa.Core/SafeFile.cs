using System;
using System.IO;

namespace OctoHa
{
    /// <summary>Best-effort clean-up of our own temporary files: a file that cannot be removed now is removed by the next run.</summary>
    internal static class SafeFile
    {
        internal static void TryDelete(string path)
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
