using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OctoHa.Nodes
{
    /// <summary>
    /// The environment of an Octopus Server Linux container that joins the cluster as a new node. Secrets are
    /// references (${NAME}, or a Kubernetes secretKeyRef), never values: the container's host supplies them.
    /// </summary>
    internal static class ContainerEnvironment
    {
        private const string FromSample = "UNCONFIRMED by the facts file: the name used by Octopus's container samples";
        private const string FromFacts = "facts (d): Container equivalents";

        public static IReadOnlyList<ContainerVariable> Build(NodeSetupRequest r)
        {
            bool k8s = r.ContainerFormat == ContainerFormat.Kubernetes;
            ContainerVariable Secret(string name, string key) =>
                new ContainerVariable(name, k8s ? $"secretKeyRef {r.SecretName}/{key}" : "${" + name + "}", true, FromSample);
            return new List<ContainerVariable>
            {
                new ContainerVariable("ACCEPT_EULA", "Y", false, FromSample),
                Secret("DB_CONNECTION_STRING", "DB_CONNECTION_STRING"),
                Secret("MASTER_KEY", "MASTER_KEY"),
                new ContainerVariable("OCTOPUS_SERVER_NODE_NAME", r.NodeName, false, "UNCONFIRMED: not in the facts file or the seeds"),
                new ContainerVariable("TASK_CAP", r.TaskCap.ToString(), false, FromFacts + " (helm-charts statefulset.yaml)"),
                new ContainerVariable("CLUSTER_SHARED_MODE", "CLUSTER_SHARED", false, FromFacts + " (multi-node-polling-tentacles.md)"),
            };
        }

        public static string Render(NodeSetupRequest r, IReadOnlyList<ContainerVariable> variables)
        {
            var sb = new StringBuilder();
            if (r.ContainerFormat == ContainerFormat.Kubernetes)
            {
                sb.AppendLine($"# Octopus Server node {r.NodeName}: the container's env. DB_CONNECTION_STRING and MASTER_KEY come from the secret '{r.SecretName}'.");
                sb.AppendLine("env:");
                foreach (var v in variables)
                {
                    sb.AppendLine($"  - name: {v.Name}");
                    if (v.IsSecretReference)
                    {
                        sb.AppendLine("    valueFrom:");
                        sb.AppendLine("      secretKeyRef:");
                        sb.AppendLine($"        name: {r.SecretName}");
                        sb.AppendLine($"        key: {v.Name}");
                    }
                    else sb.AppendLine($"    value: \"{v.Value}\"");
                }
            }
            else
            {
                sb.AppendLine($"# Octopus Server node {r.NodeName}: the container's environment (docker compose 'environment:' or .env).");
                sb.AppendLine("# DB_CONNECTION_STRING and MASTER_KEY are references: set them on the host or in your secret store, never in this file.");
                foreach (var v in variables) sb.AppendLine($"{v.Name}={v.Value}");
            }
            return sb.ToString();
        }

        public static IReadOnlyList<string> NextSteps(NodeSetupRequest r) => new[]
        {
            $"Mount the shared storage into the container ({(string.IsNullOrWhiteSpace(r.SharedStorage) ? "the cluster's shared root" : r.SharedStorage)}) as the other nodes do.",
            "Run the Octopus Server image of the cluster's version; the node registers itself when it starts.",
        }.ToList();
    }
}
