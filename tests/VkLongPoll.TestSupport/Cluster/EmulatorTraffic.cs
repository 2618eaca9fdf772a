using VkLongPoll.Testing;

namespace VkLongPoll.TestSupport.Cluster;

/// <summary>A steady message rate into every account, like a busy service's accounts, until stopped.</summary>
public static class EmulatorTraffic
{
    /// <summary>One scenario step per account every 25 ms (a timer's rate, not a wait) until <paramref name="stop"/>.</summary>
    public static async Task EmitAsync(VkEmulator emulator, int accounts, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        try
        {
            do
            {
                for (var account = 0; account < accounts; account++)
                {
                    emulator.EmitScenario(account, random, 1);
                }
            }
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped: the traffic ends here.
        }
    }
}
