namespace OctoHa
{
    /// <summary>How a check came out: Pass, Warn (works, but not as the HA guide advises) or Fail (will not work).</summary>
    public enum CheckStatus
    {
        Pass,
        Warn,
        Fail,
    }

    /// <summary>One check of a health test (shared storage, database, preflight): what was checked, how it came out, and why.</summary>
    public sealed class CheckResult
    {
        public CheckResult(string check, CheckStatus status, string reason, string? value = null)
        {
            Check = check;
            Status = status;
            Reason = reason;
            Value = value;
        }

        /// <summary>The check's name, such as Writable or Latency; stable, so scripts can pick one out.</summary>
        public string Check { get; }

        public CheckStatus Status { get; }

        /// <summary>Why it came out so, and for Warn and Fail what to do about it. Never holds a secret.</summary>
        public string Reason { get; }

        /// <summary>The measured value, where there is one (a latency, free space), as text.</summary>
        public string? Value { get; }

        public override string ToString() => $"{Status} {Check}: {Reason}";
    }
}
