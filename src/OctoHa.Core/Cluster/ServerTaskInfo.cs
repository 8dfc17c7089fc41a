using System;

namespace OctoHa.Cluster
{
    /// <summary>A server task (deployment, runbook run, system task) as the drain and remove operations report it.</summary>
    public sealed class ServerTaskInfo
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public string State { get; set; } = "";
        public string? ServerNode { get; set; }
        public DateTimeOffset? StartTime { get; set; }

        public override string ToString() => string.IsNullOrEmpty(Description) ? $"{Id} ({Name}, {State})" : $"{Id} {Description} ({State})";
    }
}
