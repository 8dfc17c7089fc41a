using System;
using System.Collections.Generic;
using System.Linq;

namespace OctoHa.Blob
{
    /// <summary>The shared blob folders of an Octopus data root, as the HA guide names them.</summary>
    public static class BlobFolders
    {
        public static readonly IReadOnlyList<string> All = new[] { "TaskLogs", "Artifacts", "Packages", "Imports", "EventExports", "Telemetry" };

        /// <summary>Canonical names for what the user gave (case-insensitive); an unknown name lists the valid ones.</summary>
        public static IReadOnlyList<string> Resolve(IEnumerable<string> names)
        {
            var result = new List<string>();
            foreach (string given in names.SelectMany(n => n.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries)).Select(n => n.Trim()))
            {
                string? match = All.FirstOrDefault(f => string.Equals(f, given, StringComparison.OrdinalIgnoreCase));
                if (match == null)
                    throw new OctoHaException("UnknownBlobFolder", OctoHaErrorKind.InvalidArgument,
                        $"'{given}' is not an Octopus blob folder. Use one or more of: {string.Join(", ", All)}.", given);
                if (!result.Contains(match)) result.Add(match);
            }
            return result;
        }
    }
}
