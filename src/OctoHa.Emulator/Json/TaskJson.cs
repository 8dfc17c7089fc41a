using System;
using System.Globalization;
using System.Text.Json.Nodes;
using OctoHa.Emulator.State;

namespace OctoHa.Emulator.Json
{
    /// <summary>The TaskResource of facts section (b). Completed and Duration are display text, as in Octopus.</summary>
    internal static class TaskJson
    {
        public static JsonObject Resource(TaskRecord t, DateTimeOffset now)
        {
            bool completed = TaskStates.IsCompleted(t.State);
            var links = new JsonObject { ["Self"] = "/api/tasks/" + t.Id };
            if (!completed) links["Cancel"] = "/api/tasks/" + t.Id + "/cancel";
            links["Web"] = "/app#/" + t.SpaceId + "/tasks/" + t.Id;

            return new JsonObject
            {
                ["Id"] = t.Id,
                ["SpaceId"] = t.SpaceId,
                ["Name"] = t.Name,
                ["Description"] = t.Description,
                ["Arguments"] = new JsonObject(),
                ["State"] = t.State,
                ["Completed"] = t.CompletedTime.HasValue
                    ? t.CompletedTime.Value.ToString("dddd, dd MMMM yyyy h:mm:ss tt zzz", CultureInfo.InvariantCulture)
                    : null,
                ["QueueTime"] = t.QueueTime,
                ["QueueTimeExpiry"] = null,
                ["StartTime"] = t.StartTime,
                ["LastUpdatedTime"] = t.LastUpdatedTime,
                ["CompletedTime"] = t.CompletedTime,
                ["ServerNode"] = t.ServerNode,
                ["Duration"] = DurationText((t.CompletedTime ?? now) - (t.StartTime ?? t.QueueTime)),
                ["ErrorMessage"] = t.ErrorMessage,
                ["HasBeenPickedUpByProcessor"] = t.StartTime.HasValue,
                ["IsCompleted"] = completed,
                ["FinishedSuccessfully"] = t.State == TaskStates.Success,
                ["HasPendingInterruptions"] = false,
                ["HasPendingPreconditions"] = false,
                ["CanRerun"] = completed,
                ["HasWarningsOrErrors"] = false,
                ["ProjectId"] = null,
                ["EstimatedRemainingQueueDurationSeconds"] = 0,
                ["PendingInterruptionTypes"] = new JsonArray(),
                ["PendingPreconditionTypes"] = new JsonArray(),
                ["LastModifiedOn"] = t.LastUpdatedTime,
                ["LastModifiedBy"] = null,
                ["Links"] = links,
            };
        }

        /// <summary>"less than a second", "1 second", "2 minutes", "3 hours": the largest whole unit.</summary>
        public static string DurationText(TimeSpan span)
        {
            if (span < TimeSpan.Zero) span = TimeSpan.Zero;
            if (span.TotalHours >= 1) return Units((int)span.TotalHours, "hour");
            if (span.TotalMinutes >= 1) return Units((int)span.TotalMinutes, "minute");
            if (span.TotalSeconds >= 1) return Units((int)span.TotalSeconds, "second");
            return "less than a second";
        }

        private static string Units(int count, string unit) =>
            count.ToString(CultureInfo.InvariantCulture) + " " + unit + (count == 1 ? "" : "s");
    }
}
