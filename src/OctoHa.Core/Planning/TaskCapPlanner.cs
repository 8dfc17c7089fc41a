using System;
using System.Collections.Generic;
using System.Globalization;

namespace OctoHa.Planning
{
    /// <summary>The HA guide's task cap formula and sizing tables (seed 002, 'Calculating Task Cap').</summary>
    public static class TaskCapPlanner
    {
        public const int ReasonablePerNodeMax = 80;
        public const int SupportedPerNodeMax = 160;
        public const int RecommendedMaxNodes = 8;

        public static TaskCapPlan Plan(TaskCapPlanRequest request, IOperationObserver? observer = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            observer ??= NullObserver.Instance;
            Validate(request);

            double concurrent = request.Projects * request.AverageDeploymentMinutes / request.WindowMinutes;
            // Round away float noise (e.g. 12.500000000001) before taking the ceiling.
            int required = Math.Max(1, (int)Math.Ceiling(Math.Round(concurrent, 6)));
            int withHeadroom = Math.Max(required, (int)Math.Ceiling(Math.Round(concurrent * (100 + request.HeadroomPercent) / 100.0, 6)));
            int nodes = request.Nodes;
            int recommended = (withHeadroom + nodes - 1) / nodes * nodes;
            int perNode = recommended / nodes;

            observer.Verbose(string.Format(CultureInfo.InvariantCulture,
                "{0} projects x {1} minutes / {2}-minute window = {3} concurrent deployments; +{4}% headroom = {5}; split across {6} node(s) = {7} each.",
                request.Projects, request.AverageDeploymentMinutes, request.WindowMinutes, Math.Round(concurrent, 2),
                request.HeadroomPercent, withHeadroom, nodes, perNode));

            var nodeRow = SizingTables.Lookup(SizingTables.Node, perNode, r => r.UpTo);
            var dbRow = SizingTables.Lookup(SizingTables.Database, recommended, r => r.UpTo);

            return new TaskCapPlan
            {
                Projects = request.Projects,
                AverageDeploymentMinutes = request.AverageDeploymentMinutes,
                WindowMinutes = request.WindowMinutes,
                Nodes = nodes,
                HeadroomPercent = request.HeadroomPercent,
                ConcurrentDeployments = Math.Round(concurrent, 2),
                RequiredTaskCap = required,
                RecommendedTaskCap = recommended,
                TaskCapPerNode = perNode,
                NodeCompute = new NodeCompute
                {
                    TaskCapRow = nodeRow.Label,
                    WindowsCores = nodeRow.Cores,
                    WindowsMemoryGB = nodeRow.MemoryGB,
                    ContainerCpu = nodeRow.ContainerCpu,
                    ContainerMemory = nodeRow.ContainerMemory,
                },
                DatabaseCompute = new DatabaseCompute
                {
                    TaskCapRow = dbRow.Label,
                    VirtualMachineCores = dbRow.Cores,
                    VirtualMachineMemoryGB = dbRow.MemoryGB,
                    AzureDtus = dbRow.Dtus,
                },
                Warnings = Warnings(nodes, perNode, recommended),
            };
        }

        private static List<string> Warnings(int nodes, int perNode, int total)
        {
            var warnings = new List<string>();
            if (nodes == 1)
                warnings.Add("One node is not high availability: if it stops, nothing serves the UI or runs tasks. Plan at least 2 nodes.");
            if (nodes > RecommendedMaxNodes)
                warnings.Add($"{nodes} nodes is beyond the guide's advice of 6 to 8 at most: returns diminish past that point. Most clusters have 2 to 4 nodes.");
            else if (nodes > 4)
                warnings.Add($"{nodes} nodes is more than most clusters use (2 to 4). It is supported, but returns diminish beyond 6 to 8 nodes.");
            if (nodes > 2)
                warnings.Add("A Professional licence is limited to 2 nodes; more nodes need an Enterprise licence.");
            if (perNode > SupportedPerNodeMax)
                warnings.Add($"A task cap of {perNode} per node is above 160, which the guide does not recommend: host OS, .NET or network limits are likely. Add nodes instead.");
            else if (perNode > ReasonablePerNodeMax)
                warnings.Add($"A task cap of {perNode} per node is above the 40-80 the guide finds a reasonable maximum. Scaling out with more nodes is better.");
            if (total > 160)
                warnings.Add($"A total task cap of {total} is beyond the guide's database table (160 = 16 cores / 64 GB / 800 DTUs); some large instances need 3200 DTUs. Size the database by monitoring.");
            return warnings;
        }

        private static void Validate(TaskCapPlanRequest r)
        {
            if (r.Projects <= 0)
                throw Invalid("InvalidProjectCount", "Projects", $"The number of projects must be at least 1, but {r.Projects} was given. Give the number of projects deployed in the production window.");
            if (!IsPositive(r.AverageDeploymentMinutes))
                throw Invalid("InvalidAverageDeploymentMinutes", "AverageDeploymentMinutes", $"The average deployment duration must be more than 0 minutes, but {Show(r.AverageDeploymentMinutes)} was given. If unknown, leave it out to use the guide's 30 minutes.");
            if (!IsPositive(r.WindowMinutes))
                throw Invalid("InvalidWindowMinutes", "WindowMinutes", $"The deployment window must be more than 0 minutes, but {Show(r.WindowMinutes)} was given. Give the production deployment window in minutes (a two-hour window is 120).");
            if (r.Nodes <= 0)
                throw Invalid("InvalidNodeCount", "Nodes", $"The number of nodes must be at least 1, but {r.Nodes} was given. Most HA clusters have 2 to 4 nodes.");
            if (r.HeadroomPercent < 0 || r.HeadroomPercent > 1000)
                throw Invalid("InvalidHeadroomPercent", "HeadroomPercent", $"The headroom must be between 0 and 1000 percent, but {r.HeadroomPercent} was given. The default is {TaskCapPlanRequest.DefaultHeadroomPercent}.");
        }

        private static bool IsPositive(double value) => !double.IsNaN(value) && !double.IsInfinity(value) && value > 0;

        private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);

        private static OctoHaException Invalid(string id, string target, string message) =>
            new OctoHaException(id, OctoHaErrorKind.InvalidArgument, message, target);
    }
}
