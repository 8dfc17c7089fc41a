using System;
using System.Collections.Generic;

namespace OctoHa.Cluster
{
    /// <summary>What a node change did: Changed is false for a no-op (already so) and under -WhatIf.</summary>
    public sealed class NodeChangeResult
    {
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
        public string Action { get; set; } = "";
        public bool Changed { get; set; }

        /// <summary>The change was only described (-WhatIf / --what-if, or declined at a -Confirm prompt).</summary>
        public bool WhatIf { get; set; }

        public string Message { get; set; } = "";
        public int TaskCap { get; set; }
        public bool Draining { get; set; }
        public NodeState State { get; set; }
    }

    /// <summary>The outcome of a drain, with the tasks that were still running or were cancelled.</summary>
    public sealed class DrainResult
    {
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";

        /// <summary>The node was draining before this call, so its drain flag was left alone.</summary>
        public bool AlreadyDraining { get; set; }

        /// <summary>The node is draining now (false only under -WhatIf).</summary>
        public bool Draining { get; set; }

        /// <summary>The drain was only described (-WhatIf / --what-if, or declined at a -Confirm prompt).</summary>
        public bool WhatIf { get; set; }

        public bool Waited { get; set; }
        public bool TimedOut { get; set; }
        public TimeSpan Elapsed { get; set; }
        public IReadOnlyList<ServerTaskInfo> RemainingTasks { get; set; } = Array.Empty<ServerTaskInfo>();
        public IReadOnlyList<ServerTaskInfo> CancelledTasks { get; set; } = Array.Empty<ServerTaskInfo>();
        public string Message { get; set; } = "";
    }

    /// <summary>One node's answer on its own ping endpoint.</summary>
    public sealed class PingResult
    {
        public string Url { get; set; } = "";
        public NodeState State { get; set; }

        /// <summary>The HTTP status, or null when nothing answered (refused, DNS, timeout).</summary>
        public int? StatusCode { get; set; }

        public double LatencyMs { get; set; }
        public string? Name { get; set; }
        public string? Version { get; set; }
        public bool? Draining { get; set; }
        public string? Error { get; set; }

        /// <summary>The node's JSON as it answered it.</summary>
        public string? Json { get; set; }
    }
}
