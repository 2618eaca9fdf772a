using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary><c>message_new</c>: a message the community received, read exactly like a User Long Poll message.</summary>
/// <remarks>At API 5.103 and later the object is <c>{message, client_info}</c>; before, the object is the message itself.</remarks>
/// <param name="Message">The message (<c>messages_message</c>); in community chats its <see cref="LongPollMessage.MessageId"/> can be 0, <see cref="LongPollMessage.ConversationMessageId"/> is the key.</param>
public sealed record CommunityMessageNew(LongPollMessage Message) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_new";

    /// <summary>What the sender's client can show (<c>client_info</c>, API 5.103+); null when not sent.</summary>
    public CommunityClientInfo? ClientInfo { get; init; }
}

/// <summary>What the client of a user who wrote to the community supports (<c>client_info</c>).</summary>
public sealed record CommunityClientInfo
{
    /// <summary>The keyboard button types the client supports (<c>button_actions</c>: <c>text</c>, <c>callback</c>, <c>open_link</c>…).</summary>
    public IReadOnlyList<string> ButtonActions { get; init; } = [];

    /// <summary>The client can show a bot keyboard (<c>keyboard</c>).</summary>
    public bool Keyboard { get; init; }

    /// <summary>The client can show an inline keyboard (<c>inline_keyboard</c>).</summary>
    public bool InlineKeyboard { get; init; }

    /// <summary>The client can show a carousel (<c>carousel</c>).</summary>
    public bool Carousel { get; init; }

    /// <summary>The client's language (<c>lang_id</c>: 0 Russian, 3 English…), when sent.</summary>
    public int? LangId { get; init; }
}

/// <summary><c>message_reply</c>: a message the community sent.</summary>
/// <param name="Message">The message (<c>messages_message</c>).</param>
public sealed record CommunityMessageReply(LongPollMessage Message) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_reply";
}

/// <summary><c>message_edit</c>: a message was edited.</summary>
/// <param name="Message">The message as it is now (<c>messages_message</c>).</param>
public sealed record CommunityMessageEdit(LongPollMessage Message) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_edit";
}

/// <summary><c>message_allow</c>: a user allowed the community to write to them.</summary>
/// <param name="UserId">The user (<c>user_id</c>).</param>
public sealed record CommunityMessageAllow(long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_allow";

    /// <summary>The <c>key</c> given to <c>messages.allowMessagesFromGroup</c>, when any.</summary>
    public string? Key { get; init; }
}

/// <summary><c>message_deny</c>: a user forbade the community to write to them.</summary>
/// <param name="UserId">The user (<c>user_id</c>).</param>
public sealed record CommunityMessageDeny(long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_deny";
}

/// <summary><c>message_typing_state</c>: a user is typing to the community.</summary>
/// <param name="State">What the user is doing (<c>state</c>: <c>typing</c>).</param>
/// <param name="FromId">The user typing (<c>from_id</c>).</param>
/// <param name="ToId">Whom they write to (<c>to_id</c>: the community, as VK sends it).</param>
public sealed record CommunityMessageTypingState(string State, long FromId, long ToId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_typing_state";
}

/// <summary><c>message_event</c>: a user pressed a callback button of the community's keyboard.</summary>
/// <param name="UserId">The user who pressed it (<c>user_id</c>).</param>
/// <param name="PeerId">The conversation (<c>peer_id</c>).</param>
/// <param name="ButtonEventId">The press's own <c>event_id</c>, to answer with <c>messages.sendMessageEventAnswer</c> within a minute (not the envelope's <see cref="CommunityEvent.EventId"/>).</param>
public sealed record CommunityMessageEvent(long UserId, PeerId PeerId, string ButtonEventId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_event";

    /// <summary>The button's <c>payload</c>: a string as sent, an object as its raw JSON.</summary>
    public string? Payload { get; init; }

    /// <summary>The message with the keyboard (<c>conversation_message_id</c>).</summary>
    public long? ConversationMessageId { get; init; }
}

/// <summary><c>message_read</c>: a user read the community's messages.</summary>
/// <param name="FromId">The reader (<c>from_id</c>).</param>
/// <param name="PeerId">The conversation (<c>peer_id</c>).</param>
/// <param name="ReadMessageId">Read up to this message (<c>read_message_id</c>).</param>
public sealed record CommunityMessageRead(long FromId, PeerId PeerId, long ReadMessageId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_read";

    /// <summary>Read up to this message of the conversation (<c>conversation_message_id</c>), when sent.</summary>
    public long? ConversationMessageId { get; init; }
}

/// <summary><c>message_reaction_event</c>: a reaction to a message was set, changed or removed.</summary>
/// <param name="UserId">Who reacted (<c>reacted_id</c>).</param>
/// <param name="PeerId">The conversation (<c>peer_id</c>).</param>
/// <param name="ConversationMessageId">The message (<c>cmid</c>).</param>
public sealed record CommunityMessageReactionEvent(long UserId, PeerId PeerId, long ConversationMessageId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "message_reaction_event";

    /// <summary>The reaction now set (<c>reaction_id</c>); null when the reaction was removed.</summary>
    public int? ReactionId { get; init; }
}
