using System;
using System.Management.Automation;

namespace OctoHa.Cmdlets
{
    /// <summary>Turns engine errors into ErrorRecords with a stable error id and a real category.</summary>
    internal static class ErrorRecords
    {
        internal static ErrorRecord From(OctoHaException ex, Type cmdletType) =>
            new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), ex.Target);

        internal static ErrorCategory Category(OctoHaErrorKind kind) => kind switch
        {
            OctoHaErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            OctoHaErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
            OctoHaErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
            OctoHaErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            OctoHaErrorKind.ConnectionError => ErrorCategory.ConnectionError,
            OctoHaErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
            OctoHaErrorKind.ResourceBusy => ErrorCategory.ResourceBusy,
            OctoHaErrorKind.InvalidData => ErrorCategory.InvalidData,
            OctoHaErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            OctoHaErrorKind.NotImplemented => ErrorCategory.NotImplemented,
            OctoHaErrorKind.WriteError => ErrorCategory.WriteError,
            _ => ErrorCategory.NotSpecified,
        };
    }
}
