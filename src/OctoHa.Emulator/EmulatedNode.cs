using System;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Emulator.Http;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator
{
    /// <summary>
    /// One emulated Octopus Server node: its own loopback port (for ping and GET /api), its row in the node table,
    /// and its heartbeats. Kill/Revive/Hang simulate the process failing; they are not Octopus operations.
    /// </summary>
    public sealed class EmulatedNode
    {
        private readonly ClusterState _state;
        private readonly NodeRecord _node;
        private readonly Func<NodeRecord, int, Task<LoopbackListener>> _listen;
        private readonly SemaphoreSlim _lifecycle = new SemaphoreSlim(1, 1);
        private LoopbackListener? _listener;

        internal EmulatedNode(ClusterState state, NodeRecord node, Func<NodeRecord, int, Task<LoopbackListener>> listen)
        {
            _state = state;
            _node = node;
            _listen = listen;
        }

        internal NodeRecord Record => _node;

        public string Name => _node.Name;

        /// <summary>"OctopusServerNodes-" + Name, as Octopus forms node ids.</summary>
        public string Id => _node.Id;

        /// <summary>The node's own address (not the load balancer's): call ping and GET /api here.</summary>
        public Uri Url { get { lock (_state.Gate) return new Uri("http://127.0.0.1:" + _node.Port + "/"); } }

        /// <summary>
        /// The node's task cap (MaxConcurrentTasks). Setting it here is the emulator's twin of
        /// `Octopus.Server node --taskCap=N` run on the node itself: no API call, no API key.
        /// </summary>
        public int TaskCap
        {
            get { lock (_state.Gate) return _node.TaskCap; }
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A task cap cannot be negative.");
                lock (_state.Gate) ChangedLocally(() => _node.TaskCap = value);
            }
        }

        /// <summary>
        /// The drain flag (IsInMaintenanceMode on the node resource). Setting it here is the twin of
        /// `Octopus.Server node --drain=true|false` run on the node itself.
        /// </summary>
        public bool IsDraining
        {
            get { lock (_state.Gate) return _node.IsDraining; }
            set { lock (_state.Gate) ChangedLocally(() => _node.IsDraining = value); }
        }

        public DateTimeOffset LastSeen { get { lock (_state.Gate) return _node.LastSeen; } }

        /// <summary>False after <see cref="KillAsync"/> until <see cref="ReviveAsync"/>.</summary>
        public bool IsAlive { get { lock (_state.Gate) return _node.IsAlive; } }

        /// <summary>False after a DELETE until the node's next heartbeat adds it back (if it is alive).</summary>
        public bool IsRegistered { get { lock (_state.Gate) return _node.IsRegistered; } }

        /// <summary>True while <see cref="Hang"/> holds its port's requests unanswered.</summary>
        public bool IsHung { get { lock (_state.Gate) return _node.IsHung; } }

        public string Version { get { lock (_state.Gate) return _node.Version; } }

        /// <summary>
        /// Stops heartbeats and closes the node's port (connection refused). Its Executing tasks stay Executing,
        /// as they do when a real node dies. A hang ends with the process.
        /// </summary>
        public async Task KillAsync()
        {
            await _lifecycle.WaitAsync().ConfigureAwait(false);
            try
            {
                lock (_state.Gate)
                {
                    if (!_node.IsAlive) return;
                    _node.IsAlive = false;
                }
                await StopListenerAsync().ConfigureAwait(false);
                lock (_state.Gate)
                {
                    _node.IsHung = false;
                    _node.HangRelease = NodeRecord.NewRelease();
                }
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>Reopens the same port, heartbeats at once and from then on, and re-registers the node if it was deleted.</summary>
        public async Task ReviveAsync()
        {
            await _lifecycle.WaitAsync().ConfigureAwait(false);
            try
            {
                lock (_state.Gate)
                {
                    if (_node.IsAlive) return;
                }
                await StartListenerAsync().ConfigureAwait(false);
                lock (_state.Gate)
                {
                    _node.IsAlive = true;
                    _state.Heartbeat(_node, DateTimeOffset.UtcNow);
                }
            }
            finally
            {
                _lifecycle.Release();
            }
        }

        /// <summary>
        /// While hung, the node's own port accepts connections but never answers (the API port routes around it).
        /// Heartbeats and task processing carry on: only the web front end is stuck.
        /// </summary>
        public void Hang(bool hung)
        {
            lock (_state.Gate)
            {
                if (hung && !_node.IsHung)
                {
                    _node.IsHung = true;
                    _node.HangRelease = NodeRecord.NewRelease();
                }
                else if (!hung && _node.IsHung)
                {
                    _node.IsHung = false;
                    _node.HangRelease.TrySetResult();
                }
            }
        }

        /// <summary>The version this node reports on its GET /api, ping and the summary (e.g. mid-upgrade).</summary>
        public void SetVersion(string v)
        {
            if (string.IsNullOrWhiteSpace(v)) throw new ArgumentException("A version must not be empty.", nameof(v));
            lock (_state.Gate) _node.Version = v;
        }

        public override string ToString() => Name + " " + Url;

        /// <summary>A change made on the node itself is recorded as made by the system, like Octopus.Server's own commands.</summary>
        private void ChangedLocally(Action change)
        {
            change();
            _node.LastModifiedOn = DateTimeOffset.UtcNow;
            _node.LastModifiedBy = "system";
        }

        /// <summary>Binds the node's port (its recorded one, or a free one the first time).</summary>
        internal async Task StartListenerAsync()
        {
            int port;
            lock (_state.Gate) port = _node.Port;
            var listener = await _listen(_node, port).ConfigureAwait(false);
            lock (_state.Gate) _node.Port = listener.Port;
            _listener = listener;
        }

        internal async Task StopListenerAsync()
        {
            var listener = _listener;
            _listener = null;
            if (listener != null) await listener.DisposeAsync().ConfigureAwait(false);
        }

        /// <summary>Cluster shutdown: close the port without changing the node's recorded state.</summary>
        internal async Task ShutdownAsync()
        {
            await _lifecycle.WaitAsync().ConfigureAwait(false);
            try
            {
                await StopListenerAsync().ConfigureAwait(false);
            }
            finally
            {
                _lifecycle.Release();
            }
        }
    }
}
