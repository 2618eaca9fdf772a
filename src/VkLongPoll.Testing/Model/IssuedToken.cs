namespace VkLongPoll.Testing.Model;

/// <summary>An access token the emulated VK issued: whose it is, whether it may call <c>messages.*</c>, until when it works.</summary>
/// <remarks>
/// Real VK: a Standalone app's user token usually lacks <c>messages</c> (error 15 on <c>messages.getLongPollServer</c>);
/// VK ID access tokens live an hour (error 5 "access_token has expired" after it). See docs/tokens.md.
/// </remarks>
internal sealed class IssuedToken(string value, Account account, bool messagesAccess, DateTimeOffset? expiresAt)
{
    public string Value { get; } = value;

    public Account Account { get; } = account;

    public bool MessagesAccess { get; } = messagesAccess;

    public DateTimeOffset? ExpiresAt { get; set; } = expiresAt;

    /// <summary>Revoked by VK ID logout or a refresh that replaced it.</summary>
    public bool Revoked { get; set; }

    /// <summary>The scope VK ID reports for it: space-separated, as VK ID writes it.</summary>
    public string Scope => MessagesAccess ? "vkid.personal_info messages" : "vkid.personal_info";
}
