using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
#if NETCOREAPP
using System.Runtime.Loader;
#endif

namespace OctoHa.Cmdlets
{
    /// <summary>
    /// Loads the engine and its dependencies from the Dependencies folder beside this assembly, isolated from
    /// other modules: on PowerShell 7 in a load context of our own, on Windows PowerShell through AssemblyResolve.
    /// Cmdlet classes therefore keep engine types out of their fields and parameters, which PowerShell reflects
    /// over before this runs; engine types appear only inside method bodies.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        internal static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
#if NETCOREAPP
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
#else
            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
#endif
        }

#if NETCOREAPP
        private static readonly DependencyLoadContext Context = new DependencyLoadContext(DependencyFolder);

        // Only the engine is handed over from the default context; everything it needs then loads inside Context.
        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName name) =>
            string.Equals(name.Name, "OctoHa.Core", StringComparison.Ordinal) ? Context.LoadFromAssemblyName(name) : null;

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            public DependencyLoadContext(string folder) : base("OctoHa", isCollectible: false) => _folder = folder;

            protected override Assembly? Load(AssemblyName name)
            {
                string path = Path.Combine(_folder, name.Name + ".dll");
                if (File.Exists(path)) return LoadFromAssemblyPath(path);
                // A dependency with one build per operating system (System.Data.SqlClient) ships under runtimes/<os>/lib/net8.0.
                string os = System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows) ? "win" : "unix";
                string specific = Path.Combine(_folder, "runtimes", os, "lib", "net8.0", name.Name + ".dll");
                // Anything we do not ship (the framework itself) falls back to the default context.
                return File.Exists(specific) ? LoadFromAssemblyPath(specific) : null;
            }
        }
#else
        // .NET Framework has one context, so resolve every assembly we ship, whatever version is asked for.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Assembly> Loaded =
            new System.Collections.Concurrent.ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        private static Assembly? ResolveFromDependencies(object sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name;
            string path = Path.Combine(DependencyFolder, name + ".dll");
            if (!File.Exists(path)) return null;
            return Loaded.GetOrAdd(path, p => Assembly.LoadFile(p));
        }
#endif
    }
}
