using System;
using System.Collections.Generic;

namespace OctoHa.Emulator
{
    /// <summary>
    /// Makes the emulated cluster misbehave on purpose, on the API port and on every node port, for requests whose
    /// path starts with a prefix: an error status, a dropped connection, or a delay. Control endpoints
    /// (/emulator/...) are never affected, so a script can always clear the faults it set.
    /// </summary>
    public sealed class FaultInjector
    {
        private readonly object _gate;
        private readonly List<Rule> _rules = new List<Rule>();

        internal FaultInjector(object gate)
        {
            _gate = gate;
        }

        /// <summary>The next <paramref name="count"/> matching requests get <paramref name="statusCode"/> and an Octopus error body.</summary>
        public void FailNext(int count, int statusCode = 500, string pathPrefix = "/api")
        {
            if (statusCode < 100 || statusCode > 599) throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Use an HTTP status code (100-599).");
            Add(new Rule(FaultKind.Status, count, pathPrefix) { StatusCode = statusCode });
        }

        /// <summary>The next <paramref name="count"/> matching requests have their connection aborted with no response.</summary>
        public void DropNext(int count, string pathPrefix = "/api") => Add(new Rule(FaultKind.Drop, count, pathPrefix));

        /// <summary>The next <paramref name="count"/> matching requests wait <paramref name="delay"/> before being handled.</summary>
        public void Delay(TimeSpan delay, int count = int.MaxValue, string pathPrefix = "/api")
        {
            if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "A delay cannot be negative.");
            Add(new Rule(FaultKind.Delay, count, pathPrefix) { DelayBy = delay });
        }

        public void Clear()
        {
            lock (_gate) _rules.Clear();
        }

        private void Add(Rule rule)
        {
            if (rule.Remaining < 0) throw new ArgumentOutOfRangeException("count", rule.Remaining, "A count cannot be negative.");
            if (string.IsNullOrEmpty(rule.PathPrefix) || rule.PathPrefix[0] != '/')
                throw new ArgumentException("A path prefix starts with '/', e.g. \"/api\".", "pathPrefix");
            if (rule.Remaining == 0) return;
            lock (_gate) _rules.Add(rule);
        }

        /// <summary>Consumes the faults that apply to one request: at most one delay and at most one status/drop.</summary>
        internal Decision Take(string path)
        {
            if (path.StartsWith("/emulator", StringComparison.OrdinalIgnoreCase)) return default;
            lock (_gate)
            {
                TimeSpan delay = TimeSpan.Zero;
                Rule? outcome = null;
                bool delayed = false;
                foreach (var rule in _rules)
                {
                    if (rule.Remaining <= 0 || !path.StartsWith(rule.PathPrefix, StringComparison.OrdinalIgnoreCase)) continue;
                    if (rule.Kind == FaultKind.Delay && !delayed)
                    {
                        delayed = true;
                        delay = rule.DelayBy;
                        if (rule.Remaining != int.MaxValue) rule.Remaining--;
                    }
                    else if (rule.Kind != FaultKind.Delay && outcome == null)
                    {
                        outcome = rule;
                        rule.Remaining--;
                    }
                }
                _rules.RemoveAll(r => r.Remaining <= 0);
                return new Decision(delay, outcome?.Kind ?? FaultKind.None, outcome?.StatusCode ?? 0);
            }
        }

        internal enum FaultKind { None, Status, Drop, Delay }

        internal readonly struct Decision
        {
            public Decision(TimeSpan delay, FaultKind kind, int statusCode)
            {
                Delay = delay;
                Kind = kind;
                StatusCode = statusCode;
            }

            public TimeSpan Delay { get; }
            public FaultKind Kind { get; }
            public int StatusCode { get; }
        }

        private sealed class Rule
        {
            public Rule(FaultKind kind, int count, string pathPrefix)
            {
                Kind = kind;
                Remaining = count;
                PathPrefix = pathPrefix;
            }

            public FaultKind Kind { get; }
            public int Remaining { get; set; }
            public string PathPrefix { get; }
            public int StatusCode { get; set; }
            public TimeSpan DelayBy { get; set; }
        }
    }
}
