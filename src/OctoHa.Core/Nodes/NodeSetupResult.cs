using System.Collections.Generic;

namespace OctoHa.Nodes
{
    /// <summary>Where one step of the node setup got to.</summary>
    public enum NodeSetupStepStatus
    {
        /// <summary>Described only (-WhatIf, --what-if, or declined at -Confirm).</summary>
        Planned,
        Done,
        Failed,
        /// <summary>Not run because an earlier step failed.</summary>
        Skipped,
    }

    /// <summary>One Octopus.Server command of the setup, as a person would type it (secrets masked).</summary>
    public sealed class NodeSetupStep
    {
        internal NodeSetupStep(int number, string name, string command)
        {
            Number = number;
            Name = name;
            Command = command;
        }

        public int Number { get; }

        /// <summary>The Octopus.Server verb: create-instance, database, configure, path, service, node.</summary>
        public string Name { get; }

        /// <summary>The command line, quoted as a shell user would copy it; the password and master key read ********.</summary>
        public string Command { get; }

        public NodeSetupStepStatus Status { get; internal set; } = NodeSetupStepStatus.Planned;

        public override string ToString() => $"{Number}. {Command}";
    }

    /// <summary>One environment variable of the Octopus Server container; a secret is a reference, never its value.</summary>
    public sealed class ContainerVariable
    {
        internal ContainerVariable(string name, string value, bool isSecretReference, string note)
        {
            Name = name;
            Value = value;
            IsSecretReference = isSecretReference;
            Note = note;
        }

        public string Name { get; }

        /// <summary>The value, or for a secret the reference: ${NAME}, or the Kubernetes secret and key.</summary>
        public string Value { get; }

        public bool IsSecretReference { get; }

        /// <summary>Where the variable is documented, or UNCONFIRMED.</summary>
        public string Note { get; }

        public override string ToString() => $"{Name}={Value}";
    }

    /// <summary>What Add-OctoHaNode did (or, under -WhatIf, would do), and what its preflight found.</summary>
    public sealed class NodeSetupResult
    {
        public string Instance { get; internal set; } = "";
        public string NodeName { get; internal set; } = "";
        public int TaskCap { get; internal set; }

        /// <summary>The Octopus.Server program the steps run (empty for -Container).</summary>
        public string ServerPath { get; internal set; } = "";

        /// <summary>The preflight checks, in order; a Fail stops the setup before its first command.</summary>
        public IReadOnlyList<CheckResult> Preflight { get; internal set; } = new CheckResult[0];

        /// <summary>The Octopus.Server commands in order, each with its status (none for -Container).</summary>
        public IReadOnlyList<NodeSetupStep> Steps { get; internal set; } = new NodeSetupStep[0];

        /// <summary>True when every step ran; false under -WhatIf and for -Container.</summary>
        public bool Completed { get; internal set; }

        /// <summary>The setup was only described (-WhatIf / --what-if, or declined at -Confirm).</summary>
        public bool WhatIf { get; internal set; }

        /// <summary>-Container: Env or Kubernetes; null otherwise.</summary>
        public string? ContainerFormat { get; internal set; }

        /// <summary>-Container: the environment variables, secrets as references.</summary>
        public IReadOnlyList<ContainerVariable> ContainerEnvironment { get; internal set; } = new ContainerVariable[0];

        /// <summary>-Container: the environment as text to paste (compose/.env lines or a Kubernetes env: block).</summary>
        public string? ContainerText { get; internal set; }

        /// <summary>What to do next (the load balancer, polling Tentacles, raising the task cap).</summary>
        public IReadOnlyList<string> NextSteps { get; internal set; } = new string[0];

        public override string ToString() => $"{NodeName} ({Instance}): {(Completed ? "added" : WhatIf ? "planned" : ContainerFormat != null ? "container environment" : "not completed")}";
    }
}
