using System;
using System.Linq;
using OctoHa.Planning;
using Xunit;

namespace OctoHa.Tests.Planning
{
    public sealed class TaskCapPlannerTests
    {
        private static TaskCapPlan Plan(int projects, double window, int nodes, double average = 30, int headroom = 25) =>
            TaskCapPlanner.Plan(new TaskCapPlanRequest { Projects = projects, WindowMinutes = window, Nodes = nodes, AverageDeploymentMinutes = average, HeadroomPercent = headroom });

        [Fact]
        public void Reproduces_the_guides_own_example()
        {
            var plan = Plan(50, 120, 2);
            Assert.Equal(12.5, plan.ConcurrentDeployments);
            Assert.Equal(13, plan.RequiredTaskCap);
            Assert.Equal(16, plan.RecommendedTaskCap);
            Assert.Equal(8, plan.TaskCapPerNode);
            Assert.Empty(plan.Warnings);
        }

        [Theory]
        [InlineData(50, 120, 3, 18, 6)]   // 15.6 -> 16, rounded up to split across 3 nodes
        [InlineData(10, 60, 2, 8, 4)]     // 5 concurrent -> 6.25 -> 7 -> 8
        [InlineData(1, 600, 2, 2, 1)]     // tiny: each node still gets at least 1
        [InlineData(400, 120, 4, 128, 32)]
        public void Recommended_total_divides_evenly_across_the_nodes(int projects, double window, int nodes, int total, int perNode)
        {
            var plan = Plan(projects, window, nodes);
            Assert.Equal(total, plan.RecommendedTaskCap);
            Assert.Equal(perNode, plan.TaskCapPerNode);
            Assert.Equal(0, plan.RecommendedTaskCap % nodes);
            Assert.True(plan.RecommendedTaskCap >= plan.RequiredTaskCap);
        }

        [Fact]
        public void No_headroom_gives_the_minimum_rounded_to_the_nodes()
        {
            var plan = Plan(50, 120, 2, headroom: 0);
            Assert.Equal(13, plan.RequiredTaskCap);
            Assert.Equal(14, plan.RecommendedTaskCap);
        }

        [Fact]
        public void Exact_quotients_are_not_pushed_up_by_float_noise()
        {
            // 7 x 30 / 70 is exactly 3; a naive ceiling of 3.0000000000000004 would give 4.
            var plan = Plan(7, 70, 1, headroom: 0);
            Assert.Equal(3, plan.RequiredTaskCap);
        }

        [Theory]
        [InlineData(8, 10, 4, 100, 2, 8)]         // per node 8 -> row "5 - 10"; total 16 -> row "20"
        [InlineData(40, 40, 16, 400, 8, 32)]      // per node 40 -> 8 cores/16 GB; total 80 -> 400 DTU
        public void Sizing_follows_the_guides_tables(int perNode, int expectedNodeRowCap, int windowsMemory, int dtus, int dbCores, int dbMemory)
        {
            // Build a plan whose per-node cap is exactly perNode on 2 nodes, with no headroom.
            var plan = Plan(perNode * 2, 30, 2, average: 30, headroom: 0);
            Assert.Equal(perNode, plan.TaskCapPerNode);
            Assert.Equal(windowsMemory, plan.NodeCompute.WindowsMemoryGB);
            Assert.Equal(windowsMemory / 2, plan.NodeCompute.WindowsCores);
            Assert.Equal(dtus, plan.DatabaseCompute.AzureDtus);
            Assert.Equal(dbCores, plan.DatabaseCompute.VirtualMachineCores);
            Assert.Equal(dbMemory, plan.DatabaseCompute.VirtualMachineMemoryGB);
            Assert.True(expectedNodeRowCap >= perNode);
        }

        [Fact]
        public void Container_sizing_comes_from_the_same_row()
        {
            var plan = Plan(160, 30, 2, headroom: 0); // 80 per node
            Assert.Equal("2000m - 4000m", plan.NodeCompute.ContainerCpu);
            Assert.Equal("5000Mi - 10000Mi", plan.NodeCompute.ContainerMemory);
        }

        [Fact]
        public void Warns_as_the_guide_does()
        {
            Assert.Contains(Plan(50, 120, 1).Warnings, w => w.Contains("not high availability"));
            Assert.Contains(Plan(400, 60, 9).Warnings, w => w.Contains("6 to 8"));
            Assert.Contains(Plan(200, 30, 2, headroom: 0).Warnings, w => w.Contains("40-80"));          // 100 per node
            Assert.Contains(Plan(400, 30, 2, headroom: 0).Warnings, w => w.Contains("above 160"));      // 200 per node
            Assert.DoesNotContain(Plan(400, 30, 2, headroom: 0).Warnings, w => w.Contains("40-80"));    // the stronger warning replaces it
            Assert.Contains(Plan(50, 120, 3).Warnings, w => w.Contains("Professional"));
        }

        [Theory]
        [InlineData(0, 30, 120, 2, 25, "InvalidProjectCount")]
        [InlineData(-5, 30, 120, 2, 25, "InvalidProjectCount")]
        [InlineData(50, 0, 120, 2, 25, "InvalidAverageDeploymentMinutes")]
        [InlineData(50, -1, 120, 2, 25, "InvalidAverageDeploymentMinutes")]
        [InlineData(50, double.NaN, 120, 2, 25, "InvalidAverageDeploymentMinutes")]
        [InlineData(50, 30, 0, 2, 25, "InvalidWindowMinutes")]
        [InlineData(50, 30, double.PositiveInfinity, 2, 25, "InvalidWindowMinutes")]
        [InlineData(50, 30, 120, 0, 25, "InvalidNodeCount")]
        [InlineData(50, 30, 120, -2, 25, "InvalidNodeCount")]
        [InlineData(50, 30, 120, 2, -1, "InvalidHeadroomPercent")]
        public void Bad_input_is_a_clear_error(int projects, double average, double window, int nodes, int headroom, string errorId)
        {
            var ex = Assert.Throws<OctoHaException>(() => TaskCapPlanner.Plan(new TaskCapPlanRequest
            {
                Projects = projects, AverageDeploymentMinutes = average, WindowMinutes = window, Nodes = nodes, HeadroomPercent = headroom,
            }));
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(OctoHaErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("was given", ex.Message);
        }
    }
}
