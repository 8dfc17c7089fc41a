using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace OctoHa.Database
{
    /// <summary>
    /// The DNS lookup and TCP connect made before the SQL login, so that an unknown name, a refused port and a
    /// silent network are told apart reliably rather than read out of the SQL library's messages.
    /// </summary>
    internal static class NetworkProbe
    {
        internal sealed class Outcome
        {
            public DatabaseFailure Failure { get; set; }
            public string Detail { get; set; } = "";
        }

        public static async Task<Outcome> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken ct)
        {
            IPAddress[] addresses;
            try
            {
                var lookup = Dns.GetHostAddressesAsync(host);
                if (await Task.WhenAny(lookup, Task.Delay(timeout, ct)).ConfigureAwait(false) != lookup)
                {
                    ct.ThrowIfCancellationRequested();
                    Observe(lookup);
                    return new Outcome { Failure = DatabaseFailure.Dns, Detail = $"DNS did not answer for {host} within {Seconds(timeout)}" };
                }
                addresses = await lookup.ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                return new Outcome { Failure = DatabaseFailure.Dns, Detail = $"the name {host} could not be resolved ({ex.SocketErrorCode})" };
            }
            catch (ArgumentException)
            {
                return new Outcome { Failure = DatabaseFailure.Dns, Detail = $"{host} is not a valid host name" };
            }
            if (addresses.Length == 0)
                return new Outcome { Failure = DatabaseFailure.Dns, Detail = $"the name {host} resolved to no address" };

            // One address answering is enough; a name with several (an AG listener across subnets) is tried in turn.
            Outcome last = new Outcome { Failure = DatabaseFailure.Timeout };
            foreach (IPAddress address in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
            {
                last = await ConnectAsync(host, address, port, timeout, ct).ConfigureAwait(false);
                if (last.Failure == DatabaseFailure.None) return last;
            }
            return last;
        }

        private static async Task<Outcome> ConnectAsync(string host, IPAddress address, int port, TimeSpan timeout, CancellationToken ct)
        {
            using var client = new TcpClient(address.AddressFamily);
            var connect = client.ConnectAsync(address, port);
            try
            {
                if (await Task.WhenAny(connect, Task.Delay(timeout, ct)).ConfigureAwait(false) != connect)
                {
                    ct.ThrowIfCancellationRequested();
                    Observe(connect);
                    return new Outcome { Failure = DatabaseFailure.Timeout, Detail = $"{host} ({address}) port {port} did not answer a TCP connect within {Seconds(timeout)}" };
                }
                await connect.ConfigureAwait(false);
                return new Outcome { Failure = DatabaseFailure.None, Detail = $"{host} ({address}) accepts TCP connections on port {port}" };
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return new Outcome { Failure = DatabaseFailure.Refused, Detail = $"{host} ({address}) refused the connection on port {port}" };
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                return new Outcome { Failure = DatabaseFailure.Timeout, Detail = $"{host} ({address}) port {port} did not answer a TCP connect ({ex.SocketErrorCode})" };
            }
            catch (SocketException ex)
            {
                return new Outcome { Failure = DatabaseFailure.Timeout, Detail = $"{host} ({address}) port {port} could not be reached ({ex.SocketErrorCode}): no route to it" };
            }
        }

        // The abandoned task's exception is observed so it does not surface later as an unobserved one.
        private static void Observe(Task task) => task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);

        internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
