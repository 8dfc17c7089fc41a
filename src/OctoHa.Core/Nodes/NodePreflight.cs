using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Cluster;
using OctoHa.Database;
using OctoHa.Processes;
using OctoHa.Storage;

namespace OctoHa.Nodes
{
    /// <summary>
    /// The read-only checks before a node is added (HA guide 'Adding Nodes', step 1): the database and the shared
    /// storage as this host sees them, no node of the same name in the cluster, and one Octopus version everywhere.
    /// Every check comes back as a CheckResult; none throws for a check that fails.
    /// </summary>
    internal static class NodePreflight
    {
        public static async Task<List<CheckResult>> RunAsync(NodeSetupRequest r, string exe, ExternalCommand masker, IOperationObserver obs, CancellationToken ct)
        {
            var checks = new List<CheckResult>();
            if (r.SkipPreflight)
            {
                checks.Add(new CheckResult("Preflight", CheckStatus.Warn, "Skipped (-SkipPreflight): the database, storage, node name and version were not checked."));
                return checks;
            }
            if (!r.Container)
            {
                checks.Add(ServerProgram(exe));
                checks.AddRange(await DatabaseAsync(r, masker, obs, ct).ConfigureAwait(false));
                checks.AddRange(Storage(r, masker, obs, ct));
            }
            checks.AddRange(await ClusterAsync(r, exe, obs, ct).ConfigureAwait(false));
            return checks;
        }

        private static CheckResult ServerProgram(string exe)
        {
            if (!Path.IsPathRooted(exe))
                return new CheckResult("ServerProgram", CheckStatus.Warn, $"'{exe}' is looked up on PATH when the steps run; give the full path to be sure which Octopus.Server runs.", exe);
            return File.Exists(exe)
                ? new CheckResult("ServerProgram", CheckStatus.Pass, "Found.", exe)
                : new CheckResult("ServerProgram", CheckStatus.Fail, $"'{exe}' does not exist. Install Octopus Server on this host (the same version as the other nodes), or give its path (-ServerPath, --server-path).", exe);
        }

        private static async Task<IEnumerable<CheckResult>> DatabaseAsync(NodeSetupRequest r, ExternalCommand masker, IOperationObserver obs, CancellationToken ct)
        {
            try
            {
                DatabaseReport report = r.DatabasePreflight != null
                    ? await r.DatabasePreflight(ct).ConfigureAwait(false)
                    : await DatabaseTester.TestAsync(new DatabaseTestRequest { ConnectionString = r.ConnectionString! }, obs, ct).ConfigureAwait(false);
                var checks = report.Checks.Select(c => Prefixed("Database", c, masker)).ToList();
                if (!report.Connected && !checks.Any(c => c.Status == CheckStatus.Fail))
                    checks.Add(new CheckResult("Database.Connect", CheckStatus.Fail, "This host could not connect to the database. Check the server name, the firewall (port 1433) and the login."));
                return checks;
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                return new[] { new CheckResult("Database", CheckStatus.Fail, "The database check could not run: " + masker.Mask(ex.Message)) };
            }
        }

        private static IEnumerable<CheckResult> Storage(NodeSetupRequest r, ExternalCommand masker, IOperationObserver obs, CancellationToken ct)
        {
            try
            {
                var results = r.StoragePreflight != null
                    ? r.StoragePreflight()
                    : SharedStorageTester.Test(new SharedStorageTestRequest { Path = r.SharedStorage! }, obs, ct);
                return results.Select(c => Prefixed("Storage", c, masker)).ToList();
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                return new[] { new CheckResult("Storage", CheckStatus.Fail, "The shared storage check could not run: " + masker.Mask(ex.Message), r.SharedStorage) };
            }
        }

        private static CheckResult Prefixed(string area, CheckResult c, ExternalCommand masker) =>
            new CheckResult(area + "." + c.Check, c.Status, masker.Mask(c.Reason), c.Value == null ? null : masker.Mask(c.Value));

        private static async Task<IEnumerable<CheckResult>> ClusterAsync(NodeSetupRequest r, string exe, IOperationObserver obs, CancellationToken ct)
        {
            if (r.Connection == null)
                return new[]
                {
                    new CheckResult("NodeName", CheckStatus.Warn, "Not checked: no connection to the cluster was given (-Connection, Connect-OctoHaServer, OCTOPUS_URL; --server in the CLI)."),
                    new CheckResult("Version", CheckStatus.Warn, "Not checked: no connection to the cluster was given. All nodes must run the same Octopus version."),
                };
            ConnectedServer server;
            IReadOnlyList<ClusterNode> nodes;
            try
            {
                server = await ClusterOperations.ConnectAsync(r.Connection, obs, ct).ConfigureAwait(false);
                using var ops = new ClusterOperations(r.Connection, obs);
                nodes = (await ops.GetNodesAsync(new NodeQuery(), ct).ConfigureAwait(false)).All;
            }
            catch (OctoHaException ex)
            {
                return new[] { new CheckResult("Cluster", CheckStatus.Fail, $"The cluster could not be read ({ex.ErrorId}): {ex.Message}", r.Connection.ServerUrl.ToString()) };
            }
            var checks = new List<CheckResult> { NodeName(r.NodeName, nodes) };
            checks.AddRange(Versions(r, exe, server.Version, nodes));
            return checks;
        }

        private static CheckResult NodeName(string name, IReadOnlyList<ClusterNode> nodes)
        {
            var same = nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            if (same == null)
                return new CheckResult("NodeName", CheckStatus.Pass, $"No node named {name} in the cluster ({nodes.Count} node(s): {string.Join(", ", nodes.Select(n => n.Name))}).", name);
            return new CheckResult("NodeName", CheckStatus.Fail,
                $"A node named {same.Name} is already registered ({same.State}, last seen {same.LastSeen?.ToString("u") ?? "never"}). Choose another name, " +
                $"or, if it is a retired node of the same name, remove it first (Remove-OctoHaNode -Name {same.Name}; octoha node remove {same.Name}).", same.Name);
        }

        private static IEnumerable<CheckResult> Versions(NodeSetupRequest r, string exe, string? serverVersion, IReadOnlyList<ClusterNode> nodes)
        {
            // Version on summary nodes is optional (facts (a)); GET /api's Version is the answering node's.
            var reported = nodes.Where(n => !string.IsNullOrWhiteSpace(n.Version)).ToList();
            var distinct = reported.Select(n => n.Version!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            string? cluster = distinct.Count == 1 ? distinct[0] : distinct.Count == 0 ? serverVersion : null;
            if (distinct.Count > 1)
                yield return new CheckResult("ClusterVersion", CheckStatus.Warn,
                    "The nodes run different versions (" + string.Join(", ", reported.Select(n => $"{n.Name} {n.Version}")) + "). All nodes must run the same version: finish the upgrade first.",
                    string.Join(", ", distinct));
            else if (cluster == null)
                yield return new CheckResult("ClusterVersion", CheckStatus.Warn, "The cluster reported no version.");
            else
                yield return new CheckResult("ClusterVersion", CheckStatus.Pass, $"Every node runs {cluster}.", cluster);

            if (r.Container)
            {
                yield return new CheckResult("LocalVersion", cluster == null ? CheckStatus.Warn : CheckStatus.Pass,
                    cluster == null ? "Run the Octopus Server image of the cluster's version." : $"Run the Octopus Server image of version {cluster}.", cluster);
                yield break;
            }
            string? local = LocalVersion(exe);
            if (local == null)
                yield return new CheckResult("LocalVersion", CheckStatus.Warn,
                    $"Could not read the version of '{exe}' (no file version on it or on Octopus.Server.dll beside it). Make sure it is the cluster's version" + (cluster != null ? $" ({cluster})." : "."));
            else if (cluster != null && SameVersion(local, cluster))
                yield return new CheckResult("LocalVersion", CheckStatus.Pass, $"This host's Octopus Server is {local}, as the cluster.", local);
            else if (cluster != null)
                yield return new CheckResult("LocalVersion", CheckStatus.Fail,
                    $"This host's Octopus Server is {local}, but the cluster runs {cluster}. All nodes must run the same version: install {cluster} here.", local);
            else if (distinct.Any(v => SameVersion(local, v)))
                yield return new CheckResult("LocalVersion", CheckStatus.Warn, $"This host's Octopus Server is {local}, which only some nodes run.", local);
            else
                yield return new CheckResult("LocalVersion", CheckStatus.Fail, $"This host's Octopus Server is {local}, which no node runs ({string.Join(", ", distinct)}).", local);
        }

        /// <summary>The file version of the Octopus.Server program, or of Octopus.Server.dll beside it (the Linux build); null when neither has one.</summary>
        internal static string? LocalVersion(string exe)
        {
            if (!Path.IsPathRooted(exe)) return null;
            string folder = Path.GetDirectoryName(exe) ?? ".";
            foreach (string candidate in new[] { exe, Path.Combine(folder, "Octopus.Server.dll") })
            {
                try
                {
                    if (!File.Exists(candidate)) continue;
                    var info = FileVersionInfo.GetVersionInfo(candidate);
                    string? v = !string.IsNullOrWhiteSpace(info.ProductVersion) ? info.ProductVersion : info.FileVersion;
                    if (!string.IsNullOrWhiteSpace(v) && char.IsDigit(v![0])) return v.Split('+')[0].Trim();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException) { }
            }
            return null;
        }

        // 2025.4.3000 and 2025.4.3000.0 (a file version) are the same; build metadata and a fourth zero do not count.
        internal static bool SameVersion(string a, string b)
        {
            string Norm(string v)
            {
                var parts = v.Split('+', '-')[0].Trim().Split('.').ToList();
                while (parts.Count > 3 && parts[parts.Count - 1] == "0") parts.RemoveAt(parts.Count - 1);
                return string.Join(".", parts);
            }
            return string.Equals(Norm(a), Norm(b), StringComparison.OrdinalIgnoreCase);
        }
    }
}
