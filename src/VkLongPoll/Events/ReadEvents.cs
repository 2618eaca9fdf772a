namespace VkLongPoll.Events;

/// <summary>You read incoming messages in a conversation up to a message (code 6; 10006).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="UpToId">The last message read, inclusive: a message id before version 19, a conversation message id in 19.</param>
/// <param name="UnreadCount">Unread messages left; absent in version 3 and in history.</param>
public sealed record MessagesReadInboxEvent(int Code, PeerId PeerId, long UpToId, int? UnreadCount) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "messages_read_inbox";
}

/// <summary>The other side read your messages up to a message (code 7; 10007).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="UpToId">The last message read, inclusive: a message id before version 19, a conversation message id in 19.</param>
/// <param name="UnreadCount">Your outgoing messages still unread; absent in version 3 and in history.</param>
public sealed record MessagesReadOutboxEvent(int Code, PeerId PeerId, long UpToId, int? UnreadCount) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "messages_read_outbox";
}

/// <summary>All messages in a conversation up to a message were deleted (code 13; 10013).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="UpToId">The last deleted message, inclusive: a message id before version 19, a conversation message id in 19.</param>
public sealed record MessagesDeletedEvent(int Code, PeerId PeerId, long UpToId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "messages_deleted";

    /// <summary>Version 21: whether the conversation's minor id was reset.</summary>
    public bool? ResetMinorId { get; init; }

    /// <summary>Version 21: the global id of the last deleted message.</summary>
    public long? LastMessageId { get; init; }
}

/// <summary>Recently deleted messages in a conversation up to a message were restored (code 14, version 3).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="UpToId">The last restored message id, inclusive.</param>
public sealed record MessagesRestoredEvent(int Code, PeerId PeerId, long UpToId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "messages_restored";
}
