using System;

namespace OctoHa.Emulator.State
{
    /// <summary>Octopus task state names, serialized as strings exactly as Octopus writes them.</summary>
    internal static class TaskStates
    {
        public const string New = "New";
        public const string Queued = "Queued";
        public const string Executing = "Executing";
        public const string Cancelling = "Cancelling";
        public const string Success = "Success";
        public const string Failed = "Failed";
        public const string Canceled = "Canceled";
        public const string TimedOut = "TimedOut";

        /// <summary>The states Octopus's client knows (TotalCounts keys); "New" is only a filter value.</summary>
        public static readonly string[] Reported = { Queued, Executing, Failed, Canceled, TimedOut, Success, Cancelling };

        /// <summary>Octopus: IsCompleted is "not Queued, Executing or Cancelling".</summary>
        public static bool IsCompleted(string state) =>
            !(state == Queued || state == Executing || state == Cancelling || state == New);

        /// <summary>Counts against a node's task cap and shows in RunningTasks.</summary>
        public static bool IsRunning(string state) => state == Executing || state == Cancelling;

        public static bool IsActive(string state) => !IsCompleted(state);

        public static string? Normalize(string name)
        {
            foreach (var s in new[] { New, Queued, Executing, Cancelling, Success, Failed, Canceled, TimedOut })
                if (string.Equals(s, name, StringComparison.OrdinalIgnoreCase)) return s;
            return null;
        }
    }
}
