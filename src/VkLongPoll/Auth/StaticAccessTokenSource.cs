namespace VkLongPoll;

/// <summary>A token given once: used as it is, never renewed (what <see cref="LongPollClientOptions.AccessToken"/> makes).</summary>
/// <param name="token">The access token.</param>
public sealed class StaticAccessTokenSource(string token) : IAccessTokenSource
{
    /// <summary>A hash of the token (never the token itself): what the default checkpoint name and the rate limit are keyed by.</summary>
    public string AccountKey { get; } = TokenRateLimiter.TokenId(token);

    /// <inheritdoc/>
    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    /// <summary>Nothing renews a token given once: always null.</summary>
    /// <param name="rejectedToken">The token VK refused.</param>
    /// <param name="cancellationToken">Unused.</param>
    public ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
