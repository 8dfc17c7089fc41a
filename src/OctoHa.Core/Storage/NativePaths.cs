using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OctoHa.Storage
{
    /// <summary>
    /// What netstandard2.0 lacks for links and disks: symbolic links, their targets, real paths and free space,
    /// through libc on Linux and macOS and kernel32 on Windows.
    /// </summary>
    internal static class NativePaths
    {
        internal static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        internal static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>True when the path itself is a symbolic link (or another reparse point), whether or not its target exists.</summary>
        internal static bool IsLink(string path)
        {
            try
            {
                return (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>True when anything (a file, a folder, a link, even a dangling one) is at the path.</summary>
        internal static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || IsLink(path);

        /// <summary>Creates a directory symbolic link at <paramref name="link"/> that points at <paramref name="target"/>.</summary>
        internal static void CreateDirectoryLink(string link, string target)
        {
            if (IsWindows)
            {
                if (!CreateSymbolicLinkW(link, target, SymbolicLinkFlagDirectory | SymbolicLinkFlagAllowUnprivilegedCreate))
                    throw new Win32Exception(Marshal.GetLastWin32Error());
                return;
            }
            if (symlink(Z(target), Z(link)) != 0) throw new Win32Exception(Marshal.GetLastWin32Error());
        }

        /// <summary>
        /// Where a link points, as a full path: the link's own text on Unix (relative to the link's folder), the
        /// resolved final path on Windows. Null when it cannot be read (a dangling link on Windows).
        /// </summary>
        internal static string? LinkTarget(string link)
        {
            if (IsWindows) return FinalPath(link);
            var buffer = new byte[4096];
            long n = readlink(Z(link), buffer, (IntPtr)buffer.Length).ToInt64();
            if (n < 0) return null;
            string text = Encoding.UTF8.GetString(buffer, 0, (int)n);
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(link) ?? "/", text));
        }

        /// <summary>The path with every link resolved (realpath / GetFinalPathNameByHandle); null when it does not exist.</summary>
        internal static string? RealPath(string path)
        {
            if (IsWindows) return FinalPath(path);
            IntPtr p = realpath(Z(path), IntPtr.Zero);
            if (p == IntPtr.Zero) return null;
            try
            {
                return PtrToUtf8(p);
            }
            finally
            {
                free(p);
            }
        }

        /// <summary>Bytes free for this account on the volume holding the path (quotas included on Windows); null when unknown.</summary>
        internal static long? FreeBytes(string path)
        {
            if (IsWindows)
            {
                // DriveInfo refuses UNC paths on .NET Framework; GetDiskFreeSpaceEx takes any folder, shares included.
                string folder = path.EndsWith("\\", StringComparison.Ordinal) ? path : path + "\\";
                return GetDiskFreeSpaceExW(folder, out ulong available, out _, out _) ? (long)Math.Min(available, long.MaxValue) : (long?)null;
            }
            // On Unix DriveInfo asks statvfs for whatever path it is given.
            return new DriveInfo(path).AvailableFreeSpace;
        }

        private static string? FinalPath(string path)
        {
            using SafeFileHandle handle = CreateFileW(path, 0, FileShareReadWriteDelete, IntPtr.Zero, OpenExisting, FileFlagBackupSemantics, IntPtr.Zero);
            if (handle.IsInvalid) return null;
            var sb = new StringBuilder(1024);
            uint n = GetFinalPathNameByHandleW(handle, sb, (uint)sb.Capacity, 0);
            if (n == 0 || n >= sb.Capacity) return null;
            string s = sb.ToString();
            // \\?\UNC\server\share -> \\server\share; \\?\C:\x -> C:\x
            if (s.StartsWith(@"\\?\UNC\", StringComparison.OrdinalIgnoreCase)) return @"\\" + s.Substring(8);
            if (s.StartsWith(@"\\?\", StringComparison.Ordinal)) return s.Substring(4);
            return s;
        }

        // A null-terminated UTF-8 string for libc (netstandard2.0 has no LPUTF8Str marshalling).
        private static byte[] Z(string s)
        {
            byte[] body = Encoding.UTF8.GetBytes(s);
            var z = new byte[body.Length + 1];
            body.CopyTo(z, 0);
            return z;
        }

        private static string PtrToUtf8(IntPtr p)
        {
            int len = 0;
            while (Marshal.ReadByte(p, len) != 0) len++;
            var bytes = new byte[len];
            Marshal.Copy(p, bytes, 0, len);
            return Encoding.UTF8.GetString(bytes);
        }

        private const uint SymbolicLinkFlagDirectory = 0x1;
        private const uint SymbolicLinkFlagAllowUnprivilegedCreate = 0x2; // Developer Mode: no admin rights needed
        private const uint FileShareReadWriteDelete = 0x7;
        private const uint OpenExisting = 3;
        private const uint FileFlagBackupSemantics = 0x02000000; // needed to open a folder

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.I1)]
        private static extern bool CreateSymbolicLinkW(string lpSymlinkFileName, string lpTargetFileName, uint dwFlags);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern SafeFileHandle CreateFileW(string lpFileName, uint dwDesiredAccess, uint dwShareMode, IntPtr lpSecurityAttributes,
            uint dwCreationDisposition, uint dwFlagsAndAttributes, IntPtr hTemplateFile);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern uint GetFinalPathNameByHandleW(SafeFileHandle hFile, StringBuilder lpszFilePath, uint cchFilePath, uint dwFlags);

        [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
        [return: MarshalAs(UnmanagedType.Bool)]
        private static extern bool GetDiskFreeSpaceExW(string lpDirectoryName, out ulong lpFreeBytesAvailable, out ulong lpTotalNumberOfBytes, out ulong lpTotalNumberOfFreeBytes);

        [DllImport("libc", SetLastError = true)]
        private static extern int symlink(byte[] target, byte[] linkpath);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr readlink(byte[] path, byte[] buf, IntPtr bufsiz);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr realpath(byte[] path, IntPtr resolved);

        [DllImport("libc")]
        private static extern void free(IntPtr ptr);
    }
}
