using System.Diagnostics;

namespace VkLongPoll.ClusterSoak;

/// <summary>The soak's one wait on a condition it cannot be told about (a store's port, deliveries counted in Redis).</summary>
internal static class Waits
{
    /// <summary>Asks <paramref name="condition"/> every 200 ms until true; a <see cref="TimeoutException"/> after <paramref name="bound"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"waited {bound.TotalSeconds:0} s until {what}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
