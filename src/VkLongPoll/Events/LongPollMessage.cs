using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>A message as a message event (new, edit, restore, update) carries it.</summary>
/// <remarks>
/// Versions 3 and 10/11 identify a message by <see cref="MessageId"/>; version 19 by
/// <see cref="ConversationMessageId"/> within <see cref="PeerId"/> (the global id comes
/// later in the tuple). A short ("incomplete") tuple carries only ids and flags:
/// <see cref="IsComplete"/> is false and the content is absent.
/// </remarks>
public sealed record LongPollMessage
{
    /// <summary>The global (per-user) message id, when the event carries it.</summary>
    public long? MessageId { get; init; }

    /// <summary>The id of the message within its conversation, when the event carries it.</summary>
    public long? ConversationMessageId { get; init; }

    /// <summary>Version 19, new messages: the conversation's new sort key.</summary>
    public long? MinorId { get; init; }

    /// <summary>The message flags; for a flags-reset event, the mask being cleared.</summary>
    public MessageFlags Flags { get; init; }

    /// <summary>The conversation, when the event carries it.</summary>
    public PeerId? PeerId { get; init; }

    /// <summary>The author: <c>from</c> in chats, otherwise the peer (incoming) or you (outgoing, when your id is known).</summary>
    public long? FromId { get; init; }

    /// <summary>True for your own message; null when the event's flags are a mask and do not tell.</summary>
    public bool? IsOutgoing { get; init; }

    /// <summary>Unix time (seconds) the message was sent.</summary>
    public long? Timestamp { get; init; }

    /// <summary>The text, HTML-unescaped (<c>&lt;br&gt;</c> became a newline).</summary>
    /// <remarks>A decoded text is kept as its UTF-8 bytes and made into a string when first read.</remarks>
    public string? Text
    {
        get => _text?.Value;
        init => _text = value is null ? null : new MessageText(value);
    }

    /// <summary>The text as the decoder keeps it (equality of messages compares the strings).</summary>
    internal MessageText? TextValue
    {
        get => _text;
        init => _text = value;
    }

    private readonly MessageText? _text;

    /// <summary>The sender's <c>random_id</c> (mode 128); 0 when none was given.</summary>
    public long? RandomId { get; init; }

    /// <summary>Unix time of the last edit; 0 when never edited (versions 10+).</summary>
    public long? UpdateTime { get; init; }

    /// <summary>False for a short ("incomplete") tuple that carries ids and flags only.</summary>
    public bool IsComplete { get; init; }

    /// <summary>The service action when this is a service message (<c>source_act</c>).</summary>
    public ServiceAction? Action { get; init; }

    /// <summary>The attachments, in order.</summary>
    public IReadOnlyList<MessageAttachment> Attachments { get; init => field = ValueList<MessageAttachment>.Of(value); } = ValueList<MessageAttachment>.Empty;

    /// <summary><c>fwd</c>: forwarded messages or a reply are present (<c>"0_0"</c> today; old versions listed ids).</summary>
    public string? Forwards { get; init; }

    /// <summary><c>reply</c>: the conversation message id this message replies to.</summary>
    public long? ReplyToConversationMessageId { get; init; }

    /// <summary><c>geo</c> and <c>geo_provider</c>: a location attached instead of attachments.</summary>
    public MessageGeo? Geo { get; init; }

    /// <summary>The less common keys of the additional object.</summary>
    public MessageExtras Extras { get; init; } = MessageExtras.Empty;

    /// <summary>The sent time as a <see cref="DateTimeOffset"/>, when known.</summary>
    /// <remarks>Null when the timestamp is absent or outside what <see cref="DateTimeOffset"/> can hold.</remarks>
    public DateTimeOffset? Time => Timestamp is { } seconds && seconds >= MinUnixSeconds && seconds <= MaxUnixSeconds
        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : null;

    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;
}

/// <summary>A location attached to a message.</summary>
/// <param name="Value">The <c>geo</c> value as VK sent it.</param>
/// <param name="Provider">The <c>geo_provider</c> value.</param>
public sealed record MessageGeo(string Value, string? Provider);
