namespace VkLongPoll;

/// <summary>
/// The one retry pacing of the library and its hosts: exponential from <see cref="Delay"/>, capped at <see cref="MaxDelay"/>,
/// each pause ±25 % at random (<see cref="UseJitter"/>) so many accounts that failed together do not come back together;
/// every pause on a <see cref="TimeProvider"/>, so tests never sleep.
/// </summary>
/// <remarks>
/// Polly's vocabulary (<c>Delay</c>, <c>MaxDelay</c>, <c>UseJitter</c>). The session (polls and API calls), the API
/// client, the hosting runner's handler retries and the cluster's services all pace their retries with it; their
/// options (<see cref="LongPollClientOptions.RetryDelay"/> and <see cref="LongPollClientOptions.MaxRetryDelay"/>) make one.
/// </remarks>
public sealed class RetryBackoff
{
    /// <summary>Pacing of <see cref="VkApiClient"/> on its own: 0.5 s doubling to 30 s.</summary>
    public static RetryBackoff Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>A backoff from <paramref name="delay"/> doubling to <paramref name="maxDelay"/>.</summary>
    /// <param name="delay">The pause after the first failure.</param>
    /// <param name="maxDelay">The longest pause.</param>
    /// <param name="useJitter">False for exact pauses (±25 % otherwise).</param>
    public RetryBackoff(TimeSpan delay, TimeSpan maxDelay, bool useJitter = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, delay);
        Delay = delay;
        MaxDelay = maxDelay;
        UseJitter = useJitter;
    }

    /// <summary>The pause after the first failure.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The longest pause.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Whether each pause is drawn within ±25 % of its nominal length.</summary>
    public bool UseJitter { get; }

    /// <summary>The pause after the <paramref name="attempt"/>-th failure in a row (1 for the first).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var exponential = Delay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        var jitter = UseJitter ? 0.75 + (Random.Shared.NextDouble() * 0.5) : 1;
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    /// <summary>Waits out the pause after the <paramref name="attempt"/>-th failure on <paramref name="time"/>.</summary>
    public Task WaitAsync(int attempt, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(DelayFor(attempt), time ?? TimeProvider.System, cancellationToken);
}
