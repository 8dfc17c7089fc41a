using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OctoHa.Cli.Output
{
    /// <summary>A plain aligned table for terminals: a header, a rule, and one row per item.</summary>
    public static class TableWriter
    {
        public static void Write<T>(TextWriter w, IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns)
        {
            var cells = rows.Select(r => columns.Select(c => Format(c.Value(r))).ToArray()).ToList();
            int[] widths = columns.Select((c, i) => Math.Max(c.Header.Length, cells.Count == 0 ? 0 : cells.Max(row => row[i].Length))).ToArray();
            w.WriteLine(string.Join("  ", columns.Select((c, i) => c.Header.PadRight(widths[i]))).TrimEnd());
            w.WriteLine(string.Join("  ", widths.Select(n => new string('-', n))));
            foreach (var row in cells) w.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        private static string Format(object? value) => value switch
        {
            null => "",
            DateTimeOffset d => d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'"),
            bool b => b ? "yes" : "no",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
