using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace VkLongPoll;

/// <summary>At most N calls per second for one token, shared by every client of that token in the process.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One per token for the life of the process; the semaphore needs no disposal.")]
internal sealed class TokenRateLimiter
{
    // Keyed by a hash, so the registry never holds a token itself.
    private static readonly ConcurrentDictionary<string, TokenRateLimiter> Shared = new(StringComparer.Ordinal);

    // The server counts calls when they arrive, we when they leave: a small margin keeps the two windows apart.
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(250);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly int _perSecond;

    private TokenRateLimiter(int perSecond) => _perSecond = perSecond;

    public static TokenRateLimiter For(string token, int perSecond) => ForKey(TokenId(token), perSecond);

    /// <summary>The limiter of an account (<see cref="IAccessTokenSource.AccountKey"/>): renewed tokens share it.</summary>
    public static TokenRateLimiter ForKey(string accountKey, int perSecond) =>
        Shared.GetOrAdd($"{accountKey}/{perSecond}", _ => new TokenRateLimiter(perSecond));

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
