using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;

namespace OctoHa.Tests.Blob
{
    /// <summary>A real temporary folder with source and destination trees, removed afterwards.</summary>
    public sealed class BlobTree : IDisposable
    {
        public static readonly DateTime Old = new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);

        public BlobTree()
        {
            Root = Path.Combine(Path.GetTempPath(), "octoha-blob-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Source = Path.Combine(Root, "src");
            Destination = Path.Combine(Root, "dst");
            Directory.CreateDirectory(Source);
        }

        public string Root { get; }
        public string Source { get; }
        public string Destination { get; }

        public string Write(string root, string relative, string content, DateTime? writeUtc = null)
        {
            string path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            File.SetLastWriteTimeUtc(path, writeUtc ?? Old);
            return path;
        }

        public string Src(string relative, string content, DateTime? writeUtc = null) => Write(Source, relative, content, writeUtc);
        public string Dst(string relative, string content, DateTime? writeUtc = null) => Write(Destination, relative, content, writeUtc);

        /// <summary>An Octopus-shaped little tree: the six blob folders with a few files each.</summary>
        public void OctopusShaped()
        {
            Src("TaskLogs/servertasks-0000001.log.txt", "Deploying Acme.Web 1.0.0\n");
            Src("TaskLogs/servertasks-0000002.log.txt", "Deploying Acme.Api 2.1.0\nDone\n");
            Src("Artifacts/Spaces-1/ServerTasks-000001/artifact-0.txt", "artifact");
            Src("Packages/Spaces-1/feeds-builtin/Acme.Web/Acme.Web.1.0.0.zip", new string('z', 5000));
            Src("Imports/Spaces-1/import-0001.zip", "import");
            Src("EventExports/events-0001.json", "{}");
            Src("Telemetry/telemetry-0001.json", "[]");
        }

        /// <summary>Relative path, size, write time and SHA-256 of every file, and every folder: equal snapshots mean identical trees.</summary>
        public static IReadOnlyList<string> Snapshot(string root)
        {
            if (!Directory.Exists(root)) return Array.Empty<string>();
            var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f =>
            {
                var info = new FileInfo(f);
                using var sha = SHA256.Create();
                using var stream = File.OpenRead(f);
                return $"F {Path.GetRelativePath(root, f).Replace('\\', '/')} {info.Length} {info.LastWriteTimeUtc.Ticks} {Convert.ToHexString(sha.ComputeHash(stream))}";
            });
            var dirs = Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Select(d => "D " + Path.GetRelativePath(root, d).Replace('\\', '/'));
            return files.Concat(dirs).OrderBy(s => s, StringComparer.Ordinal).ToList();
        }

        public void Dispose()
        {
            try
            {
                foreach (string f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
