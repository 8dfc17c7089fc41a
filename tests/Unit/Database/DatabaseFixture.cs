using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using OctoHa.Database;

namespace OctoHa.Tests.Database
{
    /// <summary>
    /// A stand-in for SQL Server behind the provider seam: SQL Server cannot run here, so this returns the facts (or
    /// the error) a real server would, and records the connection string it was given.
    /// </summary>
    public sealed class StandInSqlProvider : IDatabaseProvider
    {
        public DatabaseServerFacts Facts { get; set; } = new DatabaseServerFacts
        {
            ProductVersion = "16.0.4135.4",
            Edition = "Developer Edition (64-bit)",
            ProductLevel = "RTM",
            IsDbOwner = true,
            MatchedListeners = Array.Empty<string>(),
            RoundTrips = new[] { 1.0, 0.8, 1.2, 0.9, 1.1 }.Select(TimeSpan.FromMilliseconds).ToArray(),
        };

        public DatabaseProviderException? Error { get; set; }
        public List<string> ConnectionStrings { get; } = new List<string>();

        public Task<DatabaseServerFacts> ProbeAsync(string connectionString, string host, int rounds, TimeSpan timeout, CancellationToken ct)
        {
            ConnectionStrings.Add(connectionString);
            if (Error != null) throw Error;
            return Task.FromResult(Facts);
        }
    }

    /// <summary>Real sockets on loopback: one that accepts and never says a word, and a port that nothing listens on.</summary>
    public sealed class LoopbackPorts : IDisposable
    {
        private readonly TcpListener _silent;
        private readonly List<TcpClient> _accepted = new List<TcpClient>();
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public LoopbackPorts()
        {
            _silent = new TcpListener(IPAddress.Loopback, 0);
            _silent.Start();
            SilentPort = ((IPEndPoint)_silent.LocalEndpoint).Port;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var client = await _silent.AcceptTcpClientAsync(_stop.Token);
                        lock (_accepted) _accepted.Add(client); // held open, never answered
                    }
                }
                catch (Exception) { }
            });
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            ClosedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        /// <summary>Accepts TCP connections and says nothing, as a firewall-less but wrong service, or a hung server, would.</summary>
        public int SilentPort { get; }

        /// <summary>A port that was free a moment ago: connecting to it is refused.</summary>
        public int ClosedPort { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _silent.Stop();
            lock (_accepted) foreach (var c in _accepted) c.Dispose();
        }
    }
}
