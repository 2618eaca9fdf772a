using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>A new message (code 4; 10004 in version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Message">The message.</param>
public sealed record MessageNewEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_new";
}

/// <summary>A message was edited (code 5; 10005 in version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Message">The message as it is now.</param>
public sealed record MessageEditEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_edit";
}

/// <summary>A message changed without an edit: a link snippet, expiry, a transcript, pinning (code 18; 10018).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Message">The message as it is now.</param>
public sealed record MessageUpdatedEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_updated";
}

/// <summary>Flags were set on a message: important, spam, deleted, deleted for all, listened (code 2; 10002).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Message">Ids, the mask in <see cref="LongPollMessage.Flags"/>, and the peer when given.</param>
public sealed record MessageFlagsSetEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_flags_set";

    /// <summary>The flags that were set.</summary>
    public MessageFlags Mask => Message.Flags;

    /// <summary>Further ids (conversation message ids in version 19) when VK sent a list at index 1 (bulk change); empty otherwise.</summary>
    public IReadOnlyList<long> MoreIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Empty;
}

/// <summary>Flags were cleared on a message: read, un-important, un-spam, restored (code 3; 10003).</summary>
/// <remarks>For un-spam and restore VK sends the whole message; then <see cref="LongPollMessage.IsComplete"/> is true.</remarks>
/// <param name="Code">The event code.</param>
/// <param name="Message">Ids, the mask in <see cref="LongPollMessage.Flags"/>, the peer, and the content when given.</param>
public sealed record MessageFlagsResetEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_flags_reset";

    /// <summary>The flags that were cleared.</summary>
    public MessageFlags Mask => Message.Flags;
}

/// <summary>A message's flags were replaced (code 1; versions before 19, rarely if ever sent).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Message">Ids, the new flags and the peer when given.</param>
public sealed record MessageFlagsReplacedEvent(int Code, LongPollMessage Message) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_flags_replaced";
}

/// <summary>A message changed for some reason; fetch it again through the API (code 19; 10019).</summary>
/// <param name="Code">The event code.</param>
/// <param name="MessageId">The global message id.</param>
public sealed record MessageCacheResetEvent(int Code, long MessageId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_cache_reset";
}

/// <summary>A translation of a message arrived (code 50, version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="ConversationMessageId">The message.</param>
/// <param name="Translation">The translated text.</param>
/// <param name="Language">The direction, e.g. <c>ru-en</c>.</param>
public sealed record MessageTranslatedEvent(int Code, PeerId PeerId, long ConversationMessageId, string? Translation, string? Language)
    : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "message_translated";
}
