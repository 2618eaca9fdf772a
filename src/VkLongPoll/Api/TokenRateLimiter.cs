using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll;

/// <summary>At most N calls per second for one token, shared by every client of that token in the process; forgotten after ten idle minutes.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per token for the life of the process; the semaphore needs no disposal.")]
internal sealed class TokenRateLimiter
{
    // Keyed by a hash, so the registry never holds a token itself.
    private static readonly ConcurrentDictionary<string, TokenRateLimiter> Shared = new(StringComparer.Ordinal);

    // The server counts calls when they arrive, we when they leave: a small margin keeps the two windows apart.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(250);

    /// <summary>A limiter unused this long is forgotten (its window is long empty: a new one is the same).</summary>
    private static readonly TimeSpan IdleBeforeForgotten = TimeSpan.FromMinutes(10);

    private static long s_lastSweep = Environment.TickCount64;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly int _perSecond;
    private long _lastUsed = Environment.TickCount64;

    private TokenRateLimiter(int perSecond) => _perSecond = perSecond;

    public static TokenRateLimiter For(string token, int perSecond) => ForKey(TokenId(token), perSecond);

    /// <summary>The limiter of an account (<see cref="IAccessTokenSource.AccountKey"/>): renewed tokens share it.</summary>
    /// <remarks>Clients look their limiter up for every call, so one forgotten while idle is simply made again.</remarks>
    public static TokenRateLimiter ForKey(string accountKey, int perSecond) => ForSharedKey(SharedKey(accountKey, perSecond), perSecond);

    /// <summary>The registry's key of an account's limiter: made once per client, not per call.</summary>
    public static string SharedKey(string accountKey, int perSecond) => $"{accountKey}/{perSecond}";

    /// <summary>The limiter under <paramref name="sharedKey"/> (from <see cref="SharedKey"/>).</summary>
    public static TokenRateLimiter ForSharedKey(string sharedKey, int perSecond)
    {
        var now = Environment.TickCount64;
        var last = Volatile.Read(ref s_lastSweep);
        if (now - last > 60_000 && Interlocked.CompareExchange(ref s_lastSweep, now, last) == last)
        {
            ForgetIdle(IdleBeforeForgotten);
        }

        var limiter = Shared.GetOrAdd(sharedKey, static (_, rate) => new TokenRateLimiter(rate), perSecond);
        Volatile.Write(ref limiter._lastUsed, now);
        return limiter;
    }

    /// <summary>How many tokens have a limiter now (the tests watch idle ones go).</summary>
    internal static int Count => Shared.Count;

    /// <summary>Forgets the limiters of tokens unused for <paramref name="idle"/> that no call is waiting on.</summary>
    internal static void ForgetIdle(TimeSpan idle)
    {
        var now = Environment.TickCount64;
        foreach (var (key, limiter) in Shared)
        {
            if (now - Volatile.Read(ref limiter._lastUsed) >= idle.TotalMilliseconds && limiter._gate.CurrentCount == 1)
            {
                Shared.TryRemove(new KeyValuePair<string, TokenRateLimiter>(key, limiter));
            }
        }
    }

    /// <summary>A short, stable, non-reversible name for a token (for logs and file names).</summary>
    public static string TokenId(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];

    public async Task WaitAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (_perSecond <= 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                while (_recent.Count > 0 && now - _recent.Peek() >= Window)
                {
                    _recent.Dequeue();
                }

                if (_recent.Count < _perSecond)
                {
                    _recent.Enqueue(now);
                    return;
                }

                await Task.Delay(_recent.Peek() + Window - now, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
