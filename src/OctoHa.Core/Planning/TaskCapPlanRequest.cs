namespace OctoHa.Planning
{
    /// <summary>The inputs of the HA guide's task cap formula ('Calculating Task Cap').</summary>
    public sealed class TaskCapPlanRequest
    {
        /// <summary>The guide's starting point when the average deployment duration is unknown.</summary>
        public const double DefaultAverageDeploymentMinutes = 30;

        /// <summary>Headroom added to the raw figure for longer deployments and other tasks (25% gives the guide's 16 from 12.5).</summary>
        public const int DefaultHeadroomPercent = 25;

        /// <summary>Projects (or applications) deployed in the production window.</summary>
        public int Projects { get; set; }

        public double AverageDeploymentMinutes { get; set; } = DefaultAverageDeploymentMinutes;

        /// <summary>Length of the production deployment window in minutes.</summary>
        public double WindowMinutes { get; set; }

        /// <summary>Number of Octopus Server nodes the total task cap is spread across.</summary>
        public int Nodes { get; set; }

        public int HeadroomPercent { get; set; } = DefaultHeadroomPercent;
    }
}
