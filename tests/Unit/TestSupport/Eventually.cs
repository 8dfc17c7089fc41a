using System;
using System.Threading.Tasks;

namespace OctoHa.Tests.TestSupport
{
    /// <summary>Waits for asynchronous state by polling with a generous bound; never a fixed sleep, never a timing assertion.</summary>
    public static class Eventually
    {
        public static async Task TrueAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 30)
        {
            var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
            while (DateTime.UtcNow < deadline)
            {
                if (await condition()) return;
                await Task.Delay(50);
            }
            throw new TimeoutException($"Still waiting after {timeoutSeconds} s for: {what}");
        }

        public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
            TrueAsync(() => Task.FromResult(condition()), what, timeoutSeconds);
    }
}
