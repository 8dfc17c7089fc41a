using System;
using System.Management.Automation;
using OctoHa.Cluster;

namespace OctoHa.Cmdlets.Cluster
{
    /// <summary>Invoke-OctoHaDrain: drains a node and, with -Wait, waits for its running tasks. Twin: octoha node drain.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "OctoHaDrain", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
    [OutputType(typeof(DrainResult))]
    public sealed class InvokeOctoHaDrainCommand : OctoHaNodeChangeCmdlet
    {
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Seconds to wait with -Wait (default 600).</summary>
        [Parameter]
        [Alias("TimeoutSeconds")]
        [ValidateRange(1, int.MaxValue)]
        public int Timeout { get; set; } = (int)DrainRequest.DefaultTimeout.TotalSeconds;

        /// <summary>Seconds between checks (default 5).</summary>
        [Parameter]
        [Alias("PollIntervalSeconds")]
        [ValidateRange(1, 3600)]
        public int PollInterval { get; set; } = (int)DrainRequest.DefaultPollInterval.TotalSeconds;

        [Parameter]
        public SwitchParameter CancelRemainingTasks { get; set; }

        protected override void ProcessRecord()
        {
            var request = new DrainRequest
            {
                Name = NodeName,
                Wait = Wait.IsPresent,
                Timeout = TimeSpan.FromSeconds(Timeout),
                PollInterval = TimeSpan.FromSeconds(PollInterval),
                CancelRemainingTasks = CancelRemainingTasks.IsPresent,
                WaitOptionsGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Timeout))
                                   || MyInvocation.BoundParameters.ContainsKey(nameof(PollInterval))
                                   || MyInvocation.BoundParameters.ContainsKey(nameof(CancelRemainingTasks)),
            };
            ChangeNode((ops, ct) => ops.DrainAsync(request, ct), (DrainResult r) => r.WhatIf);
        }
    }
}
