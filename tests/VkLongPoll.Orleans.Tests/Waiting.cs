using VkLongPoll.Testing;

namespace VkLongPoll.Orleans.Tests;

/// <summary>Waits on conditions of real servers (polls with a bound) while the emulator produces events at a steady pace.</summary>
internal static class Waiting
{
    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        using var deadline = new CancellationTokenSource(bound);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"timed out after {bound.TotalSeconds:0} s waiting until {what}");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Emits scenario steps into the accounts until stopped: a steady message rate, like a busy service's accounts.</summary>
    public static async Task EmitAsync(VkEmulator emulator, int accounts, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            for (var account = 0; account < accounts; account++)
            {
                emulator.EmitScenario(account, random, 1);
            }

            try
            {
                await Task.Delay(25, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
