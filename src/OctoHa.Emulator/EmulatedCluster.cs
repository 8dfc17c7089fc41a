using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Emulator.Http;
using OctoHa.Emulator.Json;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator
{
    /// <summary>
    /// An emulated Octopus Deploy High Availability cluster on 127.0.0.1: a "load balancer" API port plus one port
    /// per node, several nodes sharing one FIFO task queue, heartbeats, drain and task caps, answering the node and
    /// task REST endpoints with Octopus's paths, JSON field names and status codes.
    /// It is a stand-in for Octopus Server, for tests and runbook rehearsals — not Octopus Server.
    /// </summary>
    public sealed class EmulatedCluster : IAsyncDisposable
    {
        private readonly List<EmulatedNode> _nodes = new List<EmulatedNode>();
        private readonly Dictionary<TaskRecord, EmulatedTask> _taskViews = new Dictionary<TaskRecord, EmulatedTask>();
        private readonly Scheduler _scheduler;
        private readonly SemaphoreSlim _stopGate = new SemaphoreSlim(1, 1);
        private LoopbackListener? _api;
        private bool _stopped;

        private EmulatedCluster(EmulatorOptions options, string apiKey)
        {
            Options = options;
            ApiKey = apiKey;
            State = new ClusterState(options);
            Faults = new FaultInjector(State.Gate);
            _scheduler = new Scheduler(State);
            ApiUrl = new Uri("http://127.0.0.1/");
        }

        /// <summary>Binds the API port and every node port, registers the nodes, and starts the scheduler.</summary>
        public static async Task<EmulatedCluster> StartAsync(EmulatorOptions options, CancellationToken ct = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            options.Validate();
            var cluster = new EmulatedCluster(options, options.ApiKey ?? GenerateApiKey());
            try
            {
                await cluster.StartCoreAsync(ct).ConfigureAwait(false);
                return cluster;
            }
            catch
            {
                await cluster.StopAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>The "load balancer" address, e.g. http://127.0.0.1:PORT/.</summary>
        public Uri ApiUrl { get; private set; }

        public string ApiKey { get; }

        /// <summary>Every node of the cluster, including killed ones and ones deleted but about to re-add themselves.</summary>
        public IReadOnlyList<EmulatedNode> Nodes => _nodes.AsReadOnly();

        public FaultInjector Faults { get; }

        /// <summary>A snapshot of all tasks, oldest first; each entry is a live view.</summary>
        public IReadOnlyList<EmulatedTask> Tasks
        {
            get
            {
                lock (State.Gate) return State.Tasks.Select(View).ToList();
            }
        }

        internal EmulatorOptions Options { get; }
        internal ClusterState State { get; }
        internal Guid InstallationId { get; } = Guid.NewGuid();

        /// <summary>Finds a node by name (case-insensitive).</summary>
        public EmulatedNode Node(string name)
        {
            var node = _nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            return node ?? throw new ArgumentException(
                "No emulated node is named '" + name + "'. Nodes: " + string.Join(", ", _nodes.Select(n => n.Name)) + ".", nameof(name));
        }

        /// <summary>Adds a task to the shared queue; a node picks it up on a later tick and it succeeds after <paramref name="duration"/>.</summary>
        public EmulatedTask QueueTask(TimeSpan duration, string name = "Deploy", string? description = null)
        {
            if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "A task duration cannot be negative.");
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A task needs a name, e.g. Deploy or RunbookRun.", nameof(name));
            lock (State.Gate)
            {
                var record = State.Enqueue(name, description ?? "Emulated " + name + " task", duration, DateTimeOffset.UtcNow);
                return View(record);
            }
        }

        /// <summary>Readable text for people and logs; it includes the API key, which only opens this emulator.</summary>
        public string Describe()
        {
            var sb = new StringBuilder();
            sb.AppendLine(EmulatorJson.Disclaimer);
            sb.AppendLine("API URL (load balancer): " + ApiUrl);
            sb.AppendLine("API key: " + ApiKey);
            if (Options.ReadOnlyApiKey != null) sb.AppendLine("Read-only API key: " + Options.ReadOnlyApiKey);
            sb.AppendLine("Nodes:");
            foreach (var node in _nodes)
            {
                lock (State.Gate)
                {
                    var n = node.Record;
                    var status = !n.IsAlive ? "killed" : n.IsHung ? "hung" : n.IsDraining ? "draining" : "up";
                    if (!n.IsRegistered) status += ", deleted";
                    sb.AppendLine("  " + n.Name + "  " + node.Url + "  " + status + ", task cap " + n.TaskCap + ", version " + n.Version);
                }
            }
            return sb.ToString();
        }

        /// <summary>Stops the scheduler and closes every port. Safe to call more than once.</summary>
        public async Task StopAsync()
        {
            await _stopGate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_stopped) return;
                _stopped = true;
                await _scheduler.StopAsync().ConfigureAwait(false);
                var closing = _nodes.Select(n => n.ShutdownAsync()).ToList();
                if (_api != null) closing.Add(_api.DisposeAsync().AsTask());
                await Task.WhenAll(closing).ConfigureAwait(false);
            }
            finally
            {
                _stopGate.Release();
            }
        }

        public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

        public override string ToString() => "Emulated Octopus HA cluster at " + ApiUrl;

        /// <summary>GET /emulator: Describe() as JSON, without the API key.</summary>
        internal JsonObject DescribeJson()
        {
            var nodes = new JsonArray();
            foreach (var node in _nodes) nodes.Add(NodeJsonOf(node));
            return new JsonObject
            {
                ["Description"] = EmulatorJson.Disclaimer,
                ["ApiUrl"] = ApiUrl.ToString(),
                ["Version"] = Options.Version,
                ["Nodes"] = nodes,
            };
        }

        internal JsonObject NodeJsonOf(EmulatedNode node)
        {
            var url = node.Url.ToString();
            lock (State.Gate) return EmulatorJson.Node(node.Record, url);
        }

        internal JsonObject TaskJsonOf(EmulatedTask task)
        {
            lock (State.Gate) return TaskJson.Resource(task.Record, DateTimeOffset.UtcNow);
        }

        private async Task StartCoreAsync(CancellationToken ct)
        {
            var now = DateTimeOffset.UtcNow;
            for (int i = 0; i < Options.Nodes; i++)
            {
                var record = new NodeRecord(Options.NodeNamePrefix + (i + 1), i)
                {
                    Port = Options.FirstNodePort == 0 ? 0 : Options.FirstNodePort + i,
                    Version = Options.Version,
                };
                State.Nodes.Add(record);
                _nodes.Add(new EmulatedNode(State, record, (r, port) => ListenAsync(r, port, CancellationToken.None)));
            }

            _api = await ListenAsync(null, Options.ApiPort, ct).ConfigureAwait(false);
            ApiUrl = new Uri("http://127.0.0.1:" + _api.Port + "/");
            foreach (var node in _nodes) await node.StartListenerAsync().ConfigureAwait(false);

            lock (State.Gate)
            {
                foreach (var record in State.Nodes)
                {
                    record.IsAlive = true;
                    State.Heartbeat(record, now); // first check-in registers the node with the default task cap
                }
            }
            _scheduler.Start();
        }

        private Task<LoopbackListener> ListenAsync(NodeRecord? node, int port, CancellationToken ct)
        {
            if (_stopped) throw new ObjectDisposedException(nameof(EmulatedCluster), "The emulated cluster has been stopped.");
            var handler = new RequestHandler(this, node);
            return LoopbackListener.StartAsync(port, handler.HandleAsync, ct);
        }

        /// <summary>One view object per task, so callers can hold on to it and watch it change.</summary>
        private EmulatedTask View(TaskRecord record)
        {
            if (!_taskViews.TryGetValue(record, out var view))
            {
                view = new EmulatedTask(State, record);
                _taskViews.Add(record, view);
            }
            return view;
        }

        /// <summary>"API-" + 26 upper-case letters/digits, matching Octopus's key format.</summary>
        private static string GenerateApiKey() =>
            "API-" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 26);
    }
}
