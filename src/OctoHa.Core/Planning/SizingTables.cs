using System.Collections.Generic;

namespace OctoHa.Planning
{
    /// <summary>
    /// The HA guide's baseline sizing tables. Each row covers task caps up to its UpTo value; a cap above the
    /// last row uses the last row, and the planner warns.
    /// </summary>
    internal static class SizingTables
    {
        internal sealed class NodeRow
        {
            public NodeRow(int upTo, string label, int cores, int memoryGB, string cpu, string memory)
            {
                UpTo = upTo; Label = label; Cores = cores; MemoryGB = memoryGB; ContainerCpu = cpu; ContainerMemory = memory;
            }
            public int UpTo { get; }
            public string Label { get; }
            public int Cores { get; }
            public int MemoryGB { get; }
            public string ContainerCpu { get; }
            public string ContainerMemory { get; }
        }

        internal sealed class DatabaseRow
        {
            public DatabaseRow(int upTo, string label, int cores, int memoryGB, int dtus)
            {
                UpTo = upTo; Label = label; Cores = cores; MemoryGB = memoryGB; Dtus = dtus;
            }
            public int UpTo { get; }
            public string Label { get; }
            public int Cores { get; }
            public int MemoryGB { get; }
            public int Dtus { get; }
        }

        // Task cap per node -> Windows and container resources.
        internal static readonly IReadOnlyList<NodeRow> Node = new[]
        {
            new NodeRow(10, "5 - 10", 2, 4, "150m - 1000m", "1500Mi - 3000Mi"),
            new NodeRow(20, "20", 4, 8, "1000m - 2000m", "3000Mi - 6000Mi"),
            new NodeRow(40, "40", 8, 16, "1250m - 2500m", "4000Mi - 8000Mi"),
            new NodeRow(80, "80", 16, 32, "2000m - 4000m", "5000Mi - 10000Mi"),
            new NodeRow(160, "160", 32, 64, "3500m - 7000m", "6000Mi - 12000Mi"),
        };

        // Total task cap -> database VM and Azure SQL DTUs.
        internal static readonly IReadOnlyList<DatabaseRow> Database = new[]
        {
            new DatabaseRow(10, "5 - 10", 2, 4, 50),
            new DatabaseRow(20, "20", 2, 8, 100),
            new DatabaseRow(40, "40", 4, 16, 200),
            new DatabaseRow(80, "80", 8, 32, 400),
            new DatabaseRow(160, "160", 16, 64, 800),
        };

        internal static T Lookup<T>(IReadOnlyList<T> rows, int taskCap, System.Func<T, int> upTo)
        {
            foreach (var row in rows)
            {
                if (taskCap <= upTo(row)) return row;
            }
            return rows[rows.Count - 1];
        }
    }
}
