using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Threading;
using OctoHa.Blob;
using OctoHa.Processes;

namespace OctoHa.Storage
{
    /// <summary>
    /// New-OctoHaSharedStorage: the root and its six blob folders, optional links into it and a grant on it, the storage
    /// checks, then `Octopus.Server path --clusterShared ROOT`. Everything is checked before anything is changed, and
    /// every change goes through ShouldProcess; a second run changes nothing that is already right.
    /// </summary>
    public static class SharedStorage
    {
        public static SharedStorageResult New(SharedStorageRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var obs = observer ?? NullObserver.Instance;
            request.Validate();
            string root = StoragePaths.Normalize(request.Path, "Path");
            string? linkRoot = string.IsNullOrWhiteSpace(request.LinkPath) ? null : StoragePaths.Normalize(request.LinkPath, "LinkPath");
            string? account = CheckAccount(request.ServiceAccount);
            string server = string.IsNullOrWhiteSpace(request.ServerPath) ? OctopusServerProgram.DefaultPath() : request.ServerPath!;
            if (!request.SkipClusterShared && Path.IsPathRooted(server) && !File.Exists(server))
                throw new OctoHaException("OctopusServerNotFound", OctoHaErrorKind.ObjectNotFound,
                    $"The Octopus.Server program '{server}' does not exist. Give its path (-ServerPath, --server-path), or skip the clusterShared step " +
                    "(-SkipClusterShared, --skip-cluster-shared) on the nodes after the first. Nothing was changed.", server);

            // Plan: every refusal is found before the first change.
            bool rootExists = PlanRoot(root);
            var existing = BlobFolders.All.Where(f => Directory.Exists(Path.Combine(root, f))).ToList();
            var toCreate = BlobFolders.All.Except(existing).ToList();
            var links = linkRoot == null ? new List<SharedStorageLink>() : PlanLinks(root, linkRoot);

            var result = new SharedStorageResult(root) { FoldersExisting = existing, Links = links };
            CreateFolders(root, rootExists, toCreate, result, obs, ct);
            if (linkRoot != null) CreateLinks(linkRoot, links, result, obs);
            if (account != null) Grant(root, account, request, result, obs, ct);

            var command = ClusterShared.PathCommand(server, root, request.Instance);
            result.ClusterSharedCommand = command.Render();
            RunChecks(root, request, result, obs, ct);
            if (request.SkipClusterShared)
            {
                obs.Verbose($"Skipped the clusterShared step. The setting lives in the database, so run it once, on one node: {command.Render()}");
                return result;
            }
            if (!obs.ShouldProcess(root, "Run " + command.Render())) return result;
            obs.Verbose("Running " + command.Render());
            var outcome = CommandRunner.Run(command, request.CommandTimeout, ct);
            if (!outcome.Succeeded)
                throw new OctoHaException("ClusterSharedFailed", OctoHaErrorKind.InvalidOperation,
                    $"`{command.Render()}` failed with exit code {outcome.ExitCode}: {outcome.Tail()}. {Done(result)} " +
                    $"Fix the cause (is the Octopus Server instance installed and configured here?) and run the step by hand: {command.Render()}", root);
            result.ClusterSharedSet = true;
            return result;
        }

        private static string? CheckAccount(string? account)
        {
            if (string.IsNullOrWhiteSpace(account)) return null;
            string a = account!.Trim();
            if (a.IndexOfAny(new[] { '"', ':', '*', '?', '<', '>', '|' }) >= 0)
                throw new OctoHaException("InvalidServiceAccount", OctoHaErrorKind.InvalidArgument,
                    $"'{a}' is not an account name. Give it as DOMAIN\\user, user@domain, NT Service\\OctopusDeploy or a local user name. Nothing was changed.", a);
            return a;
        }

        private static bool PlanRoot(string root)
        {
            if (File.Exists(root))
                throw new OctoHaException("StorageRootIsFile", OctoHaErrorKind.InvalidArgument,
                    $"'{root}' is a file, not a folder. Give the folder that holds (or is to hold) the blob folders. Nothing was changed.", root);
            if (!Directory.Exists(root)) return false;
            var files = BlobFolders.All.Where(f => File.Exists(Path.Combine(root, f))).ToList();
            if (files.Count > 0)
                throw new OctoHaException("BlobFolderIsFile", OctoHaErrorKind.InvalidData,
                    $"In '{root}', {string.Join(", ", files)} {(files.Count == 1 ? "is a file" : "are files")} where Octopus needs a folder. " +
                    "Move the file away (OctoHa never deletes data), then run again. Nothing was changed.", root);
            return true;
        }

        // Each LinkPath\Folder must be absent, an empty folder, or already a link to Root\Folder; anything else is refused, all at once.
        private static List<SharedStorageLink> PlanLinks(string root, string linkRoot)
        {
            if (StoragePaths.SameFolder(root, linkRoot))
                throw new OctoHaException("LinkPathIsRoot", OctoHaErrorKind.InvalidArgument,
                    $"-LinkPath '{linkRoot}' is the storage root itself; links there would point at themselves. Give a local folder such as C:\\Octopus. Nothing was changed.", linkRoot);
            var links = new List<SharedStorageLink>();
            var problems = new List<string>();
            string errorId = "LinkPathInUse";
            foreach (string folder in BlobFolders.All)
            {
                string link = Path.Combine(linkRoot, folder), target = Path.Combine(root, folder);
                if (Under(root, link))
                    throw new OctoHaException("LinkPathOverlapsRoot", OctoHaErrorKind.InvalidArgument,
                        $"The link '{link}' would hold the storage root '{root}'. Give a -LinkPath outside the root. Nothing was changed.", link);
                if (NativePaths.IsLink(link))
                {
                    string? points = NativePaths.LinkTarget(link);
                    if (points != null && StoragePaths.SameFolder(points, target)) links.Add(new SharedStorageLink(link, target, SharedStorageLink.Existing));
                    else problems.Add($"'{link}' is a link to '{points ?? "a folder that cannot be reached"}', not to '{target}'; remove that link if it is wrong");
                }
                else if (Directory.Exists(link))
                {
                    if (!Directory.EnumerateFileSystemEntries(link).Any()) links.Add(new SharedStorageLink(link, target, SharedStorageLink.ReplacedEmptyFolder));
                    else
                    {
                        errorId = "LinkFolderHasData";
                        problems.Add($"'{link}' is a folder with data in it; move the data to '{target}' with Copy-OctoHaBlobData (octoha blob copy), then remove the folder");
                    }
                }
                else if (File.Exists(link)) problems.Add($"'{link}' is a file; move it away");
                else links.Add(new SharedStorageLink(link, target, SharedStorageLink.Created));
            }
            if (problems.Count > 0)
                throw new OctoHaException(errorId, OctoHaErrorKind.InvalidOperation,
                    $"The links cannot be made: {string.Join("; ", problems)}. OctoHa never deletes data. Nothing was changed.", linkRoot);
            return links;
        }

        private static bool Under(string root, string path)
        {
            var comparison = NativePaths.IsWindows ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            return string.Equals(root, path, comparison) || root.StartsWith(path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, comparison);
        }

        private static void CreateFolders(string root, bool rootExists, List<string> toCreate, SharedStorageResult result, IOperationObserver obs, CancellationToken ct)
        {
            var created = new List<string>();
            result.FoldersCreated = created;
            if (!rootExists)
            {
                if (obs.ShouldProcess(root, "Create the shared storage root folder"))
                {
                    Create(root, result);
                    result.RootCreated = true;
                }
            }
            foreach (string folder in toCreate)
            {
                ct.ThrowIfCancellationRequested();
                string path = Path.Combine(root, folder);
                if (!obs.ShouldProcess(path, "Create folder")) continue;
                Create(path, result);
                created.Add(folder);
            }
            if (result.FoldersExisting.Count > 0) obs.Verbose($"Already there: {string.Join(", ", result.FoldersExisting)}.");
        }

        private static void Create(string path, SharedStorageResult result)
        {
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new OctoHaException(ex is UnauthorizedAccessException ? "StorageAccessDenied" : "StorageFolderCreateFailed",
                    ex is UnauthorizedAccessException ? OctoHaErrorKind.PermissionDenied : OctoHaErrorKind.WriteError,
                    $"Could not create '{path}': {ex.Message}. {Done(result)} Check that the share is reachable and that this account may create folders on it, then run again.",
                    path, ex);
            }
        }

        private static void CreateLinks(string linkRoot, List<SharedStorageLink> links, SharedStorageResult result, IOperationObserver obs)
        {
            if (!Directory.Exists(linkRoot) && links.Any(l => l.Planned != SharedStorageLink.Existing))
            {
                if (obs.ShouldProcess(linkRoot, "Create the folder for the links")) Create(linkRoot, result);
            }
            foreach (var link in links)
            {
                if (link.Planned == SharedStorageLink.Existing)
                {
                    obs.Verbose($"'{link.Path}' already links to '{link.Target}'.");
                    continue;
                }
                bool replace = link.Planned == SharedStorageLink.ReplacedEmptyFolder;
                string action = replace ? $"Replace the empty folder with a symbolic link to {link.Target}" : $"Create a symbolic link to {link.Target}";
                if (!obs.ShouldProcess(link.Path, action)) continue;
                try
                {
                    // Not recursive: if anything appeared in the folder since the plan, this fails instead of deleting it.
                    if (replace) Directory.Delete(link.Path, false);
                    NativePaths.CreateDirectoryLink(link.Path, link.Target);
                    link.Status = link.Planned;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is Win32Exception)
                {
                    bool privilege = ex is Win32Exception w && w.NativeErrorCode == 1314; // ERROR_PRIVILEGE_NOT_HELD
                    throw new OctoHaException(privilege ? "LinkPrivilegeMissing" : "LinkCreateFailed",
                        privilege ? OctoHaErrorKind.PermissionDenied : OctoHaErrorKind.WriteError,
                        $"Could not create the symbolic link '{link.Path}' -> '{link.Target}': {ex.Message}. " +
                        (privilege ? "Creating symbolic links needs an elevated session (Run as administrator) or Developer Mode. " : "") +
                        $"{Done(result)} Fix the cause and run again: what is done is kept.", link.Path, ex);
                }
            }
        }

        private static void Grant(string root, string account, SharedStorageRequest request, SharedStorageResult result, IOperationObserver obs, CancellationToken ct)
        {
            result.ServiceAccount = account;
            if (!NativePaths.IsWindows)
            {
                obs.Warning($"The service account grant applies to Windows only; nothing was granted to '{account}'. On Linux, give the account Octopus runs as " +
                            $"ownership of the root (for example: chown -R octopus:octopus {root}), or set the share's or volume's owner.");
                return;
            }
            var grant = ClusterShared.GrantCommand(root, account);
            if (!obs.ShouldProcess(root, $"Grant {account} full control: run {grant.Render()}")) return;
            obs.Verbose("Running " + grant.Render());
            var outcome = CommandRunner.Run(grant, request.CommandTimeout, ct);
            if (!outcome.Succeeded)
                throw new OctoHaException("GrantFailed", OctoHaErrorKind.PermissionDenied,
                    $"`{grant.Render()}` failed with exit code {outcome.ExitCode}: {outcome.Tail()}. {Done(result)} " +
                    "Check the account name and that this session may change the folder's permissions (Run as administrator), then run again.", root);
            result.AccessGranted = true;
        }

        private static void RunChecks(string root, SharedStorageRequest request, SharedStorageResult result, IOperationObserver obs, CancellationToken ct)
        {
            if (!obs.ShouldProcess(root, $"Check the storage (probe files named {StorageChecks.ProbePrefix}* are written, renamed, locked and deleted)")) return;
            var checks = SharedStorageTester.Test(new SharedStorageTestRequest
            {
                Path = root,
                MountTable = request.MountTable,
                LatencyWarning = request.LatencyWarning,
                LatencyFailure = request.LatencyFailure,
                LatencySamples = request.LatencySamples,
                FreeSpaceWarning = request.FreeSpaceWarning,
            }, obs, ct);
            result.Checks = checks;
            foreach (var warn in checks.Where(c => c.Status == CheckStatus.Warn)) obs.Warning($"{warn.Check}: {warn.Reason}");
            var failed = checks.Where(c => c.Status == CheckStatus.Fail).ToList();
            if (failed.Count > 0)
                throw new OctoHaException("StorageCheckFailed", OctoHaErrorKind.InvalidOperation,
                    $"The storage checks failed, so the clusterShared step was not run: {string.Join(" ", failed.Select(f => $"{f.Check}: {f.Reason}"))} " +
                    $"{Done(result)} Fix the cause and run again (Test-OctoHaSharedStorage, octoha storage test, shows every check).", root);
        }

        // What a failure leaves behind, for its message: the admin must know what is already in place.
        private static string Done(SharedStorageResult r)
        {
            var parts = new List<string>();
            if (r.RootCreated) parts.Add("created the root");
            if (r.FoldersCreated.Count > 0) parts.Add("created " + string.Join(", ", r.FoldersCreated));
            if (r.FoldersExisting.Count > 0) parts.Add("found " + string.Join(", ", r.FoldersExisting));
            var made = r.Links.Where(l => l.Status == SharedStorageLink.Created || l.Status == SharedStorageLink.ReplacedEmptyFolder).Select(l => l.Path).ToList();
            if (made.Count > 0) parts.Add("linked " + string.Join(", ", made));
            if (r.AccessGranted) parts.Add($"granted {r.ServiceAccount} full control");
            return parts.Count == 0 ? "Nothing was changed." : "Done so far: " + string.Join("; ", parts) + ".";
        }
    }
}
