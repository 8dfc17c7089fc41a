using System.Collections.Generic;

namespace OctoHa.Planning
{
    /// <summary>A task cap plan: the guide's formula, the recommended caps, and the sizing that goes with them.</summary>
    public sealed class TaskCapPlan
    {
        public int Projects { get; set; }
        public double AverageDeploymentMinutes { get; set; }
        public double WindowMinutes { get; set; }
        public int Nodes { get; set; }
        public int HeadroomPercent { get; set; }

        /// <summary>projects × average minutes ÷ window minutes, before rounding (the guide's 12.5).</summary>
        public double ConcurrentDeployments { get; set; }

        /// <summary>The minimum total task cap: <see cref="ConcurrentDeployments"/> rounded up (the guide's 13).</summary>
        public int RequiredTaskCap { get; set; }

        /// <summary>The total with headroom, rounded up to split evenly across the nodes (the guide's 16).</summary>
        public int RecommendedTaskCap { get; set; }

        /// <summary>The task cap to set on each node (the guide's 8 on two nodes).</summary>
        public int TaskCapPerNode { get; set; }

        public NodeCompute NodeCompute { get; set; } = new NodeCompute();
        public DatabaseCompute DatabaseCompute { get; set; } = new DatabaseCompute();
        public IReadOnlyList<string> Warnings { get; set; } = new List<string>();
    }

    /// <summary>Baseline compute for one node, from the guide's 'Octopus Server node compute resources' table.</summary>
    public sealed class NodeCompute
    {
        /// <summary>The table row used, by per-node task cap ("5 - 10", "20", ...).</summary>
        public string TaskCapRow { get; set; } = "";
        public int WindowsCores { get; set; }
        public int WindowsMemoryGB { get; set; }
        public string ContainerCpu { get; set; } = "";
        public string ContainerMemory { get; set; } = "";
    }

    /// <summary>Baseline database compute, from the guide's 'Database compute resources' table.</summary>
    public sealed class DatabaseCompute
    {
        /// <summary>The table row used, by total task cap.</summary>
        public string TaskCapRow { get; set; } = "";
        public int VirtualMachineCores { get; set; }
        public int VirtualMachineMemoryGB { get; set; }
        public int AzureDtus { get; set; }
    }
}
