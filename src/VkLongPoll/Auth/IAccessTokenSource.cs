namespace VkLongPoll;

/// <summary>Where a client gets its access token, and a new one when VK says the old one expired.</summary>
/// <remarks>
/// A plain token (<see cref="LongPollClientOptions.AccessToken"/>) is the simple case and never renews. A VK ID login
/// (<see cref="VkIdTokenSource"/>) gives hour-long tokens and renews them with its refresh token.
/// </remarks>
public interface IAccessTokenSource
{
    /// <summary>A stable name of the account behind the tokens, never a token: the default checkpoint name and the rate limit are keyed by it, so they survive a renewal.</summary>
    string AccountKey { get; }

    /// <summary>The token to use now.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>VK rejected <paramref name="rejectedToken"/> (error 5 or 1117): a new token to retry with, or null when none can be had.</summary>
    /// <exception cref="VkAuthorizationException">A new token was asked for and refused (e.g. the refresh token expired): the user must log in again.</exception>
    ValueTask<string?> RenewAsync(string rejectedToken, CancellationToken cancellationToken);
}
