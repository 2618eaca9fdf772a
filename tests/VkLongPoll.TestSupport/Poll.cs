namespace VkLongPoll.TestSupport;

/// <summary>
/// The one way tests wait on something they cannot be told about (a file, a server's state, another process): poll the
/// condition, fail with what was awaited once the bound passes. A fixed sleep guesses how long the machine needs; this
/// waits exactly as long as it does, up to a bound generous enough for a loaded 2-core machine.
/// </summary>
public static class Poll
{
    /// <summary>How often a condition is asked again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan bound, string what, CancellationToken cancellationToken = default) =>
        UntilAsync(() => Task.FromResult(condition()), bound, what, cancellationToken);

    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what, CancellationToken cancellationToken = default)
    {
        using var deadline = new CancellationTokenSource(bound);
        while (!await condition().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Assert.False(deadline.IsCancellationRequested, $"timed out after {bound.TotalSeconds:0.#} s waiting until {what}");
            await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value; fails with <paramref name="what"/> after <paramref name="bound"/>.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan bound, string what, CancellationToken cancellationToken = default)
        where T : class
    {
        T? value = null;
        await UntilAsync(async () => (value = await probe().ConfigureAwait(false)) is not null, bound, what, cancellationToken).ConfigureAwait(false);
        return value!;
    }
}
