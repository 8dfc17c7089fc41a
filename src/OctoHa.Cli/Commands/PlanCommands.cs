using System.CommandLine;
using System.Globalization;
using System.IO;
using OctoHa.Cli.Output;
using OctoHa.Planning;

namespace OctoHa.Cli.Commands
{
    /// <summary>`octoha plan ...`: the twin of Get-OctoHaTaskCapPlan.</summary>
    internal static class PlanCommands
    {
        public static Command Build(CliContext context)
        {
            var plan = new Command("plan", "Plan an HA cluster from the HA guide's formula and sizing tables.");
            plan.Subcommands.Add(TaskCap(context));
            return plan;
        }

        private static Command TaskCap(CliContext context)
        {
            var projects = new Option<int>("--projects") { Description = "Projects deployed in the production window.", Required = true };
            var average = new Option<double>("--average-minutes")
            {
                Description = "Average deployment duration in minutes (default 30, the guide's starting point).",
                DefaultValueFactory = _ => TaskCapPlanRequest.DefaultAverageDeploymentMinutes,
            };
            var window = new Option<double>("--window-minutes") { Description = "Production deployment window in minutes.", Required = true };
            var nodes = new Option<int>("--nodes") { Description = "Number of Octopus Server nodes.", Required = true };
            var headroom = new Option<int>("--headroom-percent")
            {
                Description = "Headroom added for longer deployments and other tasks (default 25).",
                DefaultValueFactory = _ => TaskCapPlanRequest.DefaultHeadroomPercent,
            };
            var output = Outputs.CreateOption();

            var command = new Command("task-cap", "The task cap formula: projects x average minutes / window minutes, split across the nodes, with node and database sizing.")
            {
                projects, average, window, nodes, headroom, output,
            };
            command.SetAction(parse =>
            {
                var request = new TaskCapPlanRequest
                {
                    Projects = parse.GetValue(projects),
                    AverageDeploymentMinutes = parse.GetValue(average),
                    WindowMinutes = parse.GetValue(window),
                    Nodes = parse.GetValue(nodes),
                    HeadroomPercent = parse.GetValue(headroom),
                };
                var observer = new CliObserver(context.Error);
                TaskCapPlan result = TaskCapPlanner.Plan(request, observer);
                foreach (string warning in result.Warnings) observer.Warning(warning);
                if (parse.GetValue(output) == OutputFormat.Json) Outputs.WriteJson(context.Out, result);
                else WriteTable(context.Out, result);
                return ExitCodes.Success;
            });
            return command;
        }

        private static void WriteTable(TextWriter w, TaskCapPlan p)
        {
            string N(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
            var rows = new[]
            {
                ("Projects in window", p.Projects.ToString(CultureInfo.InvariantCulture)),
                ("Average deployment", N(p.AverageDeploymentMinutes) + " min"),
                ("Deployment window", N(p.WindowMinutes) + " min"),
                ("Concurrent deployments", N(p.ConcurrentDeployments)),
                ("Required task cap", p.RequiredTaskCap.ToString(CultureInfo.InvariantCulture)),
                ("Recommended task cap", $"{p.RecommendedTaskCap} (+{p.HeadroomPercent}% headroom)"),
                ("Nodes", p.Nodes.ToString(CultureInfo.InvariantCulture)),
                ("Task cap per node", p.TaskCapPerNode.ToString(CultureInfo.InvariantCulture)),
                ("Node (Windows)", $"{p.NodeCompute.WindowsCores} cores / {p.NodeCompute.WindowsMemoryGB} GB RAM"),
                ("Node (container)", $"{p.NodeCompute.ContainerCpu} CPU / {p.NodeCompute.ContainerMemory} memory"),
                ("Database (VM)", $"{p.DatabaseCompute.VirtualMachineCores} cores / {p.DatabaseCompute.VirtualMachineMemoryGB} GB RAM"),
                ("Database (Azure SQL)", $"{p.DatabaseCompute.AzureDtus} DTUs"),
            };
            foreach (var (name, value) in rows)
            {
                w.WriteLine($"{name,-24} {value}");
            }
        }
    }
}
