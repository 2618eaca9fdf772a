namespace VkLongPoll;

/// <summary>What a VK ID login holds: the access token, the refresh token that renews it, and whose they are.</summary>
/// <remarks>Secrets: <see cref="ToString"/> never prints the tokens. Keep it where only its owner can read it (vklp: a 0600 file).</remarks>
/// <param name="AccessToken">The access token (about an hour).</param>
/// <param name="RefreshToken">The refresh token; VK ID gives a new one with every renewal, so always keep the newest.</param>
/// <param name="ExpiresAt">When <paramref name="AccessToken"/> stops working.</param>
/// <param name="UserId">The VK user.</param>
/// <param name="DeviceId">The <c>device_id</c> VK ID issued the tokens to; a renewal must name it.</param>
/// <param name="Scope">The rights VK ID granted (space-separated; it may grant fewer than asked for).</param>
public sealed record VkIdTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, long UserId, string DeviceId, string Scope)
{
    /// <summary>Whether VK ID granted the <c>messages</c> right the User Long Poll needs.</summary>
    public bool HasMessagesAccess => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("messages", StringComparer.Ordinal);

    /// <summary>Prints the login with the tokens redacted.</summary>
    public override string ToString() =>
        $"VkIdTokens {{ AccessToken = ***, RefreshToken = ***, ExpiresAt = {ExpiresAt:O}, UserId = {UserId}, Scope = {Scope} }}";
}
