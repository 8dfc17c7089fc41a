using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OctoHa.Emulator.Http
{
    /// <summary>
    /// One Kestrel server on 127.0.0.1 (never other interfaces), with no configuration sources and no logging,
    /// so the environment (ASPNETCORE_URLS, appsettings) cannot move or widen it.
    /// </summary>
    internal sealed class LoopbackListener : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly CancellationTokenSource _stopping;
        private int _disposed;

        private LoopbackListener(WebApplication app, CancellationTokenSource stopping, int port)
        {
            _app = app;
            _stopping = stopping;
            Port = port;
        }

        public int Port { get; }

        /// <param name="port">0 for a free port.</param>
        /// <param name="handler">Handles every request; its token fires when the listener stops, so requests held
        /// open on purpose (a hang, a delay) end instead of blocking shutdown.</param>
        public static async Task<LoopbackListener> StartAsync(int port, Func<HttpContext, CancellationToken, Task> handler, CancellationToken ct)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, port);
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
            // The default console lifetime would take Ctrl+C and SIGTERM for itself and stop only this listener;
            // the process that embeds the emulator (octoha emulator start, a test) owns those signals.
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

            var app = builder.Build();
            var stopping = new CancellationTokenSource();
            app.Run(ctx => handler(ctx, stopping.Token));
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch
            {
                stopping.Dispose();
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new LoopbackListener(app, stopping, new Uri(address).Port);
        }

        /// <summary>Closes the port: new connections are refused from here on.</summary>
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _stopping.Cancel();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _app.StopAsync(timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                await _app.DisposeAsync().ConfigureAwait(false);
                _stopping.Dispose();
            }
        }
    }

    /// <summary>A host lifetime that leaves process signals to the embedding program.</summary>
    internal sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
