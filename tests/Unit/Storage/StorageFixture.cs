using System;
using System.IO;
using System.Linq;
using OctoHa.Blob;

namespace OctoHa.Tests.Storage
{
    /// <summary>A temp folder for one test: a storage root, a link folder, mount tables, and a stand-in Octopus.Server beside them.</summary>
    internal sealed class StorageFixture : IDisposable
    {
        public StorageFixture()
        {
            Root = Path.Combine(Path.GetTempPath(), "octoha-storage-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Root);
            Share = Path.Combine(Root, "share", "Octopus");
            Links = Path.Combine(Root, "local", "Octopus");
        }

        public string Root { get; }

        /// <summary>The storage root the tests prepare (not created until a test does).</summary>
        public string Share { get; }

        /// <summary>The -LinkPath of the tests (not created until a test does).</summary>
        public string Links { get; }

        public void Dispose()
        {
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>The share with all six blob folders, and a file of the admin's own in the root that no check may touch.</summary>
        public string FullShare()
        {
            foreach (string f in BlobFolders.All) Directory.CreateDirectory(Path.Combine(Share, f));
            File.WriteAllText(Path.Combine(Share, "README.txt"), "Octopus shared storage - do not delete");
            return Share;
        }

        /// <summary>Every entry of a folder (name only), sorted, for before/after comparisons.</summary>
        public static string[] Entries(string folder) =>
            Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

        /// <summary>Writes a mount table (mountinfo or /proc/mounts lines) and returns its path.</summary>
        public string MountTable(params string[] lines)
        {
            string path = Path.Combine(Root, "mountinfo-" + Guid.NewGuid().ToString("N").Substring(0, 6));
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
            return path;
        }

        /// <summary>A mountinfo line as the kernel writes it.</summary>
        public static string Info(int id, string mountPoint, string type, string source, string options = "rw,relatime") =>
            $"{id} 1 0:{id} / {mountPoint.Replace(" ", "\\040")} {options} shared:{id} - {type} {source} rw";
    }
}
