using System.Collections.Generic;
using System.Text.Json.Serialization;
using OctoHa.Cluster;
using OctoHa.Database;
using OctoHa.Nodes;
using OctoHa.Planning;
using OctoHa.Storage;
using OctoHa.Tentacle;

namespace OctoHa.Cli.Output
{
    /// <summary>
    /// Compile-time JSON metadata for everything `--output json` prints: reflection-based serialization would
    /// spend a short run's time (a no-change mirror pass) building metadata. Other types fall back to reflection.
    /// </summary>
    [JsonSerializable(typeof(TaskCapPlan))]
    [JsonSerializable(typeof(List<ClusterNode>))]
    [JsonSerializable(typeof(IReadOnlyList<ClusterNode>))]
    [JsonSerializable(typeof(NodeChangeResult))]
    [JsonSerializable(typeof(DrainResult))]
    [JsonSerializable(typeof(PingResult[]))]
    [JsonSerializable(typeof(IReadOnlyList<PingResult>))]
    [JsonSerializable(typeof(PollingTentacleChange))]
    [JsonSerializable(typeof(List<PollingTentacleServer>))]
    [JsonSerializable(typeof(SharedStorageResult))]
    [JsonSerializable(typeof(List<CheckResult>))]
    [JsonSerializable(typeof(DatabaseReport))]
    [JsonSerializable(typeof(NodeSetupResult))]
    internal sealed partial class CliJsonContext : JsonSerializerContext
    {
    }
}
