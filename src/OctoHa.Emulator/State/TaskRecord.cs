using System;

namespace OctoHa.Emulator.State
{
    /// <summary>One emulated server task. Only touched while holding <see cref="ClusterState.Gate"/>.</summary>
    internal sealed class TaskRecord
    {
        public TaskRecord(long number, string name, string description, TimeSpan runFor, DateTimeOffset queuedAt)
        {
            Number = number;
            Name = name;
            Description = description;
            RunFor = runFor;
            QueueTime = queuedAt;
            LastUpdatedTime = queuedAt;
        }

        /// <summary>Queue order: FIFO pickup goes by this, "newest first" listing by its reverse.</summary>
        public long Number { get; }
        public string Id => "ServerTasks-" + Number;
        public string SpaceId => "Spaces-1";
        public string Name { get; }
        public string Description { get; }

        /// <summary>How long the task executes before it succeeds.</summary>
        public TimeSpan RunFor { get; }

        public string State { get; set; } = TaskStates.Queued;
        public string? ServerNode { get; set; }
        public DateTimeOffset QueueTime { get; }
        public DateTimeOffset? StartTime { get; set; }
        public DateTimeOffset? CompletedTime { get; set; }
        public DateTimeOffset LastUpdatedTime { get; set; }
        public DateTimeOffset? CancelRequestedAt { get; set; }
        public string? ErrorMessage { get; set; }
    }
}
