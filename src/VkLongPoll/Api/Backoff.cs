namespace VkLongPoll;

/// <summary>Exponential backoff with jitter, capped: 0.5 s, 1 s, 2 s … up to 30 s, each ±25 %.</summary>
internal static class Backoff
{
    public static TimeSpan For(int attempt, TimeSpan initial, TimeSpan max)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    public static Task DelayAsync(int attempt, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(For(attempt, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)), time, cancellationToken);
}
