using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>
    /// The default connection Connect-OctoHaServer stores, one per runspace, so parallel runspaces (jobs,
    /// ForEach-Object -Parallel) never see each other's server or key. Held as object: see ModuleInitializer.
    /// </summary>
    internal static class SessionConnections
    {
        private static readonly ConcurrentDictionary<Guid, object> Defaults = new ConcurrentDictionary<Guid, object>();

        private static Guid Current => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        internal static void Set(object connection) => Defaults[Current] = connection;

        internal static object? Get() => Defaults.TryGetValue(Current, out object? c) ? c : null;
    }
}
