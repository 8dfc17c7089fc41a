using System;
using System.Collections.Generic;

namespace OctoHa.Cluster
{
    public sealed class NodeQuery
    {
        /// <summary>How long since a node's last check-in before it counts as Offline. Nodes check in about every
        /// 60 seconds; 5 minutes is the heuristic of Octopus's own auto-scaling sample.</summary>
        public static readonly TimeSpan DefaultOfflineAfter = TimeSpan.FromMinutes(5);

        /// <summary>Node names, with PowerShell wildcards; empty means every node.</summary>
        public IReadOnlyList<string> Names { get; set; } = Array.Empty<string>();

        public TimeSpan OfflineAfter { get; set; } = DefaultOfflineAfter;
    }

    public sealed class DrainRequest
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);
        public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);

        public string Name { get; set; } = "";
        public bool Wait { get; set; }
        public TimeSpan Timeout { get; set; } = DefaultTimeout;
        public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

        /// <summary>When the wait times out, cancel the tasks still running instead of failing.</summary>
        public bool CancelRemainingTasks { get; set; }

        /// <summary>The caller gave a timeout, poll interval or cancel option; without Wait they do nothing, which is warned about.</summary>
        public bool WaitOptionsGiven { get; set; }

        /// <summary>How long to wait for cancelled tasks to finish cancelling, so the node can be removed right after.</summary>
        public static readonly TimeSpan CancelSettleTimeout = TimeSpan.FromMinutes(2);
    }

    public sealed class PingRequest
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Each node's own address (not the load balancer's), e.g. https://octo1.example.com.</summary>
        public IReadOnlyList<string> Urls { get; set; } = Array.Empty<string>();

        public TimeSpan Timeout { get; set; } = DefaultTimeout;
        public bool SkipCertificateCheck { get; set; }
    }
}
