using System;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator
{
    /// <summary>A live, read-only view of one emulated server task; every read sees the current state.</summary>
    public sealed class EmulatedTask
    {
        private readonly ClusterState _state;
        private readonly TaskRecord _task;

        internal EmulatedTask(ClusterState state, TaskRecord task)
        {
            _state = state;
            _task = task;
        }

        internal TaskRecord Record => _task;

        /// <summary>"ServerTasks-N".</summary>
        public string Id => _task.Id;
        public string Name => _task.Name;
        public string Description => _task.Description;

        /// <summary>Queued, Executing, Cancelling, Success, Canceled, Failed or TimedOut.</summary>
        public string State { get { lock (_state.Gate) return _task.State; } }

        /// <summary>Id of the node that picked the task up, or null while queued.</summary>
        public string? ServerNode { get { lock (_state.Gate) return _task.ServerNode; } }

        public DateTimeOffset QueueTime => _task.QueueTime;
        public DateTimeOffset? StartTime { get { lock (_state.Gate) return _task.StartTime; } }
        public DateTimeOffset? CompletedTime { get { lock (_state.Gate) return _task.CompletedTime; } }

        /// <summary>How long the task executes before it succeeds.</summary>
        public TimeSpan Duration => _task.RunFor;

        public bool IsCompleted => TaskStates.IsCompleted(State);

        public override string ToString() => Id + " " + Name + " (" + State + ")";
    }
}
