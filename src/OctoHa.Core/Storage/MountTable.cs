using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace OctoHa.Storage
{
    /// <summary>One line of a Linux mount table: where a filesystem is mounted, its type and where it comes from.</summary>
    public sealed class MountEntry
    {
        public MountEntry(string mountPoint, string fileSystemType, string source)
        {
            MountPoint = mountPoint;
            FileSystemType = fileSystemType;
            Source = source;
        }

        public string MountPoint { get; }
        public string FileSystemType { get; }
        public string Source { get; }

        public override string ToString() => $"{Source} on {MountPoint} type {FileSystemType}";
    }

    /// <summary>
    /// Reads /proc/self/mountinfo (or /proc/mounts) and tells which mount holds a path: the one with the longest
    /// mount point that is a prefix of the path, the last such line winning, as the kernel stacks mounts.
    /// </summary>
    public static class MountTable
    {
        public const string MountInfo = "/proc/self/mountinfo";
        public const string ProcMounts = "/proc/mounts";

        /// <summary>Filesystems that reach another machine: a path on one of these is a share.</summary>
        public static readonly IReadOnlyCollection<string> NetworkTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph", "cephfs",
            "lustre", "fuse.blobfuse", "fuse.blobfuse2", "fuse.azurefile", "fuse.s3fs", "fuse.gcsfuse", "fuse.juicefs", "gpfs", "beegfs",
            "ocfs2", "gfs2", "afs", "fuse.efs", "efs", "virtiofs", "fuse.rclone",
        };

        /// <summary>Filesystems that live only in this machine's memory or this container's own layer.</summary>
        public static readonly IReadOnlyCollection<string> EphemeralTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "tmpfs", "ramfs", "overlay", "overlayfs", "aufs", "devtmpfs",
        };

        /// <summary>The default table: mountinfo when the kernel has it, else /proc/mounts.</summary>
        public static string DefaultPath() => File.Exists(MountInfo) ? MountInfo : ProcMounts;

        /// <summary>Parses either format; lines that fit neither are skipped.</summary>
        public static IReadOnlyList<MountEntry> Parse(string text)
        {
            var entries = new List<MountEntry>();
            foreach (string raw in text.Replace("\r\n", "\n").Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal)) continue;
                string[] f = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                int dash = Array.IndexOf(f, "-");
                // mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
                if (dash >= 6 && f.Length >= dash + 3 && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    entries.Add(new MountEntry(Unescape(f[4]), f[dash + 1], Unescape(f[dash + 2])));
                // /proc/mounts (fstab format): SOURCE MOUNTPOINT FSTYPE OPTIONS DUMP PASS
                else if (f.Length >= 4 && f[1].StartsWith("/", StringComparison.Ordinal))
                    entries.Add(new MountEntry(Unescape(f[1]), f[2], Unescape(f[0])));
            }
            return entries;
        }

        /// <summary>The mount a full, resolved path is on; null when no mount point is a prefix of it.</summary>
        public static MountEntry? Find(IEnumerable<MountEntry> entries, string resolvedPath)
        {
            MountEntry? best = null;
            foreach (var e in entries)
            {
                if (!Contains(e.MountPoint, resolvedPath)) continue;
                // Equal length: a later mount over the same point hides the earlier one.
                if (best == null || e.MountPoint.Length >= best.MountPoint.Length) best = e;
            }
            return best;
        }

        private static bool Contains(string mountPoint, string path)
        {
            if (mountPoint == "/") return path.StartsWith("/", StringComparison.Ordinal);
            string mp = mountPoint.TrimEnd('/');
            return path == mp || path.StartsWith(mp + "/", StringComparison.Ordinal);
        }

        // The kernel writes space, tab, newline and backslash in paths as \040, \011, \012 and \134.
        private static string Unescape(string s)
        {
            if (s.IndexOf('\\') < 0) return s;
            var bytes = new List<byte>();
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '\\' && IsOctal(s, i + 1))
                {
                    bytes.Add((byte)Convert.ToInt32(s.Substring(i + 1, 3), 8));
                    i += 3;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
                }
            }
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        private static bool IsOctal(string s, int start) =>
            start + 3 <= s.Length && s.Substring(start, 3).All(c => c >= '0' && c <= '7');
    }
}
