using System.Management.Automation;
using OctoHa.Planning;

namespace OctoHa.Cmdlets.Planning
{
    /// <summary>Get-OctoHaTaskCapPlan: the HA guide's task cap formula and sizing tables. Twin: octoha plan task-cap.</summary>
    [Cmdlet(VerbsCommon.Get, "OctoHaTaskCapPlan")]
    [OutputType(typeof(TaskCapPlan))]
    public sealed class GetOctoHaTaskCapPlanCommand : OctoHaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("ProjectCount")]
        public int Projects { get; set; }

        [Parameter]
        [Alias("AverageMinutes")]
        public double AverageDeploymentMinutes { get; set; } = TaskCapPlanRequest.DefaultAverageDeploymentMinutes;

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Window")]
        public double WindowMinutes { get; set; }

        [Parameter(Mandatory = true, Position = 2)]
        [Alias("NodeCount")]
        public int Nodes { get; set; }

        [Parameter]
        public int HeadroomPercent { get; set; } = TaskCapPlanRequest.DefaultHeadroomPercent;

        protected override void ProcessRecord()
        {
            var request = new TaskCapPlanRequest
            {
                Projects = Projects,
                AverageDeploymentMinutes = AverageDeploymentMinutes,
                WindowMinutes = WindowMinutes,
                Nodes = Nodes,
                HeadroomPercent = HeadroomPercent,
            };
            TaskCapPlan plan = RunEngine((observer, _) => TaskCapPlanner.Plan(request, observer));
            foreach (string warning in plan.Warnings)
            {
                WriteWarning(warning);
            }
            WriteObject(plan);
        }
    }
}
