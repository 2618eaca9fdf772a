using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>The less common keys of a message's additional object (index 6, or 7 in 10004).</summary>
/// <remarks>Scalars that VK sends as strings are converted to numbers and booleans here.</remarks>
public sealed record MessageExtras
{
    /// <summary>A shared instance with nothing set.</summary>
    public static MessageExtras Empty { get; } = new();

    /// <summary><c>title</c>: the legacy subject (<c>" ... "</c> in private dialogs). Deprecated by VK.</summary>
    public string? Title { get; init; }

    /// <summary><c>emoji</c>: the text contains emoji.</summary>
    public bool HasEmoji { get; init; }

    /// <summary><c>from_admin</c>: the community admin who wrote a community message.</summary>
    public long? FromAdminId { get; init; }

    /// <summary><c>has_template</c>: a carousel or template is attached (fetch the message via the API).</summary>
    public bool HasTemplate { get; init; }

    /// <summary><c>keyboard</c>: the bot keyboard object, as raw JSON.</summary>
    public string? KeyboardJson { get; init; }

    /// <summary><c>payload</c>: the JSON string given when the message was sent.</summary>
    public string? Payload { get; init; }

    /// <summary><c>marked_users</c>: mentions, @all/@online, disappearing-message marks.</summary>
    public IReadOnlyList<MessageMark> MarkedUsers { get; init => field = ValueList<MessageMark>.Of(value); } = ValueList<MessageMark>.Empty;

    /// <summary><c>mentions</c>: the older (version 3) list of mentioned user ids.</summary>
    public IReadOnlyList<long> Mentions { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Empty;

    /// <summary><c>expire_ttl</c>: seconds until a disappearing message vanishes.</summary>
    public long? ExpireTtl { get; init; }

    /// <summary><c>ttl</c>: seconds a message lives in a phantom chat.</summary>
    public long? Ttl { get; init; }

    /// <summary><c>is_expired</c>: the disappearing message has expired (text and attachments removed).</summary>
    public bool IsExpired { get; init; }

    /// <summary><c>is_translated</c>: a translation was requested for the first time.</summary>
    public bool IsTranslated { get; init; }

    /// <summary><c>is_silent</c>: sent without a notification.</summary>
    public bool IsSilent { get; init; }

    /// <summary><c>pinned_at</c>: unix time the message was pinned.</summary>
    public long? PinnedAt { get; init; }

    /// <summary><c>is_cropped</c>: the text or attachments were cut (a preview); the whole message comes from <c>messages.getById</c>.</summary>
    public bool IsCropped { get; init; }

    /// <summary>
    /// <c>reactions</c>: the reactions on the message as the API gives them in a recovered message; live messages come
    /// without them (their changes are <see cref="ReactionsChangedEvent"/>), so this is empty there.
    /// </summary>
    public IReadOnlyList<ReactionCount> Reactions { get; init => field = ValueList<ReactionCount>.Of(value); } = ValueList<ReactionCount>.Empty;

    /// <summary><c>ref_source</c>: the referral source.</summary>
    public string? RefSource { get; init; }

    /// <summary><c>attachments_count</c>: how many attachments the message has.</summary>
    public int? AttachmentsCount { get; init; }

    /// <summary><c>attachments</c>: API attachment objects VK embeds as a JSON string for some types (sticker, voice message).</summary>
    public string? AttachmentsJson { get; init; }

    /// <summary>Keys this library does not know, with string values unescaped and other values as raw JSON.</summary>
    public IReadOnlyDictionary<string, string>? Other { get; init => field = ValueMap.Of(value); }
}
