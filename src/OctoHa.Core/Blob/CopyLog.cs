using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace OctoHa.Blob
{
    /// <summary>A robocopy-like log: a header, one line per action, the summary table. Safe to call from many threads.</summary>
    internal sealed class CopyLog : IDisposable
    {
        private readonly StreamWriter? _writer;
        private readonly object _gate = new object();

        internal CopyLog(string? path)
        {
            if (string.IsNullOrWhiteSpace(path)) return;
            try
            {
                string full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                _writer = new StreamWriter(new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new OctoHaException("LogPathInvalid", OctoHaErrorKind.InvalidArgument, $"Cannot write the log file '{path}': {ex.Message}", path, ex);
            }
        }

        internal void Header(BlobCopyRequest request, string source, string destination)
        {
            Line(new string('-', 78));
            Line("   OctoHa blob copy (robocopy-style)");
            Line(new string('-', 78));
            Line($"  Started : {DateTime.Now.ToString("F", CultureInfo.InvariantCulture)}");
            Line($"   Source : {source}");
            Line($"     Dest : {destination}");
            Line($"  Options : {(request.Mirror ? "/MIR " : "/E ")}/MT:{request.ThreadCount} /R:{request.Retry} /W:{request.RetryWait.TotalSeconds:0}" +
                 (request.Checksum ? " checksum" : "") + (request.ListOnly ? " /L" : "") +
                 (request.Folders.Count > 0 ? " folders:" + string.Join(",", request.Folders) : "") +
                 (request.ExcludeDirectories.Count > 0 ? " /XD " + string.Join(" ", request.ExcludeDirectories) : "") +
                 (request.ExcludeFiles.Count > 0 ? " /XF " + string.Join(" ", request.ExcludeFiles) : ""));
            Line(new string('-', 78));
        }

        internal void Entry(string kind, long? size, string path) =>
            Line($"\t{kind,-12}\t{(size.HasValue ? size.Value.ToString(CultureInfo.InvariantCulture) : ""),14}\t{path}");

        internal void Summary(BlobCopySummary s)
        {
            Line(new string('-', 78));
            Line($"{"",10}{"Total",12}{"Copied",12}{"Skipped",12}{"Mismatch",12}{"FAILED",12}{"Extras",12}");
            Row("Dirs :", s.Dirs);
            Row("Files :", s.Files);
            Row("Bytes :", s.Bytes);
            Line($"   Times : {s.Duration}");
            Line($"   Speed : {s.BytesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} Bytes/sec.");
            Line($"   Ended : {DateTime.Now.ToString("F", CultureInfo.InvariantCulture)}  (exit code {s.ExitCode})");
        }

        private void Row(string name, CopyCounters c) =>
            Line($"{name,10}{c.Total,12}{c.Copied,12}{c.Skipped,12}{c.Mismatch,12}{c.Failed,12}{c.Extras,12}");

        private void Line(string text)
        {
            if (_writer == null) return;
            lock (_gate) _writer.WriteLine(text);
        }

        public void Dispose()
        {
            lock (_gate) _writer?.Dispose();
        }
    }
}
