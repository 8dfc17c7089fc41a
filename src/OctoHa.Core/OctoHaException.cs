using System;

namespace OctoHa
{
    /// <summary>
    /// The one exception the engine throws for a failure a user can act on. Front ends map
    /// <see cref="Kind"/> to a PowerShell ErrorCategory or a CLI exit code, and tests assert <see cref="ErrorId"/>.
    /// The message says what failed, why, and what to do next, and never carries a secret.
    /// </summary>
    public sealed class OctoHaException : Exception
    {
        public OctoHaException(string errorId, OctoHaErrorKind kind, string message, string? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        /// <summary>A stable identifier such as "InvalidProjectCount"; never changes between releases.</summary>
        public string ErrorId { get; }

        public OctoHaErrorKind Kind { get; }

        /// <summary>What the error is about (a node name, a path, a parameter), for the ErrorRecord's target.</summary>
        public string? Target { get; }
    }

    /// <summary>Engine-side error kinds; each maps to one PowerShell ErrorCategory.</summary>
    public enum OctoHaErrorKind
    {
        InvalidArgument,
        ObjectNotFound,
        AuthenticationError,
        PermissionDenied,
        ConnectionError,
        OperationTimeout,
        ResourceBusy,
        InvalidData,
        InvalidOperation,
        NotImplemented,
        WriteError,
    }
}
