using System;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Blob
{
    /// <summary>
    /// Copy-OctoHaBlobData / `octoha blob copy`: a robocopy-style copy or mirror of Octopus blob folders that is safe
    /// on live data. See <see cref="CopyRun"/> for how the trees are walked and copied.
    /// </summary>
    public static class BlobCopier
    {
        public static Task<BlobCopySummary> CopyAsync(BlobCopyRequest request, IOperationObserver? observer, CancellationToken ct)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var run = new CopyRun(request, observer ?? NullObserver.Instance, ct);
            return Task.Factory.StartNew(run.Execute, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }
}
