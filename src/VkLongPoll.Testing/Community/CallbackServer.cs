namespace VkLongPoll.Testing.Community;

/// <summary>
/// One Callback API server of a community (<c>groups.addCallbackServer</c>): where to send, with which secret, which
/// events, and how far delivery has come. VK's <c>groups_callback_server</c>: id, title, creator_id, url, secret_key, status.
/// </summary>
/// <remarks>Changed under the community's lock; the sender reads it under the same lock.</remarks>
internal sealed class CallbackServer
{
    public required long Id { get; init; }

    public required string Title { get; set; }

    public required long CreatorId { get; init; }

    public required Uri Url { get; set; }

    public string SecretKey { get; set; } = string.Empty;

    /// <summary>VK's status: <c>unconfigured</c> (no events chosen yet), <c>wait</c> (to be confirmed), <c>ok</c>, <c>failed</c>.</summary>
    public string Status { get; set; } = "unconfigured";

    public string ApiVersion { get; set; } = CommunitySettings.DefaultApiVersion;

    /// <summary>Event types this server gets (<c>groups.setCallbackSettings</c>); none until set, as VK's new servers.</summary>
    public HashSet<string> Events { get; } = new(StringComparer.Ordinal);

    /// <summary>The confirmation code the receiver last answered correctly (null: not confirmed for the current code).</summary>
    public string? ConfirmedCode { get; set; }

    /// <summary>The <c>ts</c> of the last event delivered (or passed over as not wanted): the cursor of the sender.</summary>
    public long DeliveredTs { get; set; }

    /// <summary>Deleted (<c>groups.deleteCallbackServer</c>, or the receiver answered <c>remove</c>): the sender stops.</summary>
    public bool Removed { get; set; }

    /// <summary>Bumped by every change, so a sender working from an older reading starts over (a new URL, a new code).</summary>
    public int Version { get; set; }
}
