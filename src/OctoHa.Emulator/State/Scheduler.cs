using System;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Emulator.State
{
    /// <summary>Runs <see cref="ClusterState.Tick"/> every <see cref="EmulatorOptions.Tick"/> until stopped.</summary>
    internal sealed class Scheduler
    {
        private readonly ClusterState _state;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task? _loop;

        public Scheduler(ClusterState state)
        {
            _state = state;
        }

        public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

        public async Task StopAsync()
        {
            _stop.Cancel();
            if (_loop != null) await _loop.ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task RunAsync(CancellationToken ct)
        {
            using var timer = new PeriodicTimer(_state.Options.Tick);
            try
            {
                while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    lock (_state.Gate) _state.Tick(DateTimeOffset.UtcNow);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }
}
