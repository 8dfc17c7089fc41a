using System.Management.Automation;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>
    /// Base of the cmdlets that change one node at a time: the node comes by -Name, or piped in (-InputObject),
    /// e.g. Get-OctoHaNode -Name OCTO2 | Invoke-OctoHaDrain -Wait.
    /// </summary>
    public abstract class OctoHaNodeChangeCmdlet : OctoHaClusterCmdlet
    {
        protected const string ByName = "ByName";
        protected const string ByInputObject = "ByInputObject";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByName, ValueFromPipelineByPropertyName = true)]
        [Alias("NodeName")]
        public string Name { get; set; } = "";

        /// <summary>A node from Get-OctoHaNode, or any object with a Name property, or a node name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByInputObject, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        private protected string NodeName
        {
            get
            {
                if (ParameterSetName != ByInputObject || InputObject == null) return Name;
                if (InputObject.BaseObject is string s) return s;
                return InputObject.Properties["Name"]?.Value?.ToString() ?? "";
            }
        }
    }
}
