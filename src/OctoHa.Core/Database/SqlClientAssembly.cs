using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OctoHa.Database
{
    /// <summary>
    /// Finds System.Data.SqlClient for the runtime we are on. The package's netstandard2.0 assembly only throws
    /// PlatformNotSupportedException; the working ones are runtimes/{win,unix}/lib/net8.0 (.NET) and lib/net462
    /// (.NET Framework). OctoHa.Core.csproj ships those beside OctoHa.Core.dll (runtimes/..., sqlclient/netfx/) instead
    /// of through NuGet, because the mirror here lacks the Windows native SNI package that NuGet would demand.
    /// </summary>
    internal static class SqlClientAssembly
    {
        private static readonly object Gate = new object();
        private static bool _hooked;

        public static void EnsureResolvable()
        {
            lock (Gate)
            {
                if (_hooked) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _hooked = true;
            }
        }

        internal static string? PathFor(string baseFolder)
        {
            bool netFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);
            return netFramework
                ? Path.Combine(baseFolder, "sqlclient", "netfx", "System.Data.SqlClient.dll")
                : Path.Combine(baseFolder, "runtimes", RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : "unix", "lib", "net8.0", "System.Data.SqlClient.dll");
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            if (!string.Equals(new AssemblyName(args.Name).Name, "System.Data.SqlClient", StringComparison.OrdinalIgnoreCase)) return null;
            string? folder = Path.GetDirectoryName(typeof(SqlClientAssembly).Assembly.Location);
            string? path = folder == null ? null : PathFor(folder);
            return path != null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
