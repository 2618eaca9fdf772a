namespace VkLongPoll.Testing.Model;

/// <summary>What happened, in the emulator's own terms; the wire encoder turns it into each version's update array.</summary>
internal enum WorldEventKind
{
    MessageNew,
    MessageEdit,
    MessageUpdated,
    MessageFlagsSet,
    MessageFlagsReset,
    ReadInbox,
    ReadOutbox,
    MessagesDeleted,
    MessageCacheReset,
    FriendOnline,
    FriendOffline,
    Activity,
    UnreadCounter,
    ChatChanged,
    ChatInfo,
    ConversationFlagsSet,
    ConversationFlagsReset,
    NotificationSettings,
    Reaction,
    UnreadReactions,
    MemberRestricted,
}

/// <summary>One event of one account. Fields that do not apply to the kind are left at their defaults.</summary>
internal sealed record WorldEvent(WorldEventKind Kind)
{
    /// <summary>The message (a snapshot) for message events.</summary>
    public StoredMessage? Message { get; init; }

    /// <summary>A new message deleted for everyone before it was polled: sent in VK's short form (<c>[10004, cmid, flags, minor_id]</c>).</summary>
    public bool Shortened { get; init; }

    /// <summary>Flags set or cleared; conversation flags.</summary>
    public long Mask { get; init; }

    /// <summary>A flags reset that carries the whole message (restore, un-spam).</summary>
    public bool WithMessage { get; init; }

    public long PeerId { get; init; }

    public long UserId { get; init; }

    /// <summary>Read/delete marks: the global message id and the conversation message id.</summary>
    public long UpToMessageId { get; init; }

    public long UpToConversationMessageId { get; init; }

    public int Count { get; init; }

    public int Platform { get; init; }

    public bool Timeout { get; init; }

    public long[] UserIds { get; init; } = [];

    /// <summary>63 typing, 64 voice, 65 photo, 66 video, 67 file (the v10+ codes).</summary>
    public int ActivityCode { get; init; }

    public int ChatInfoType { get; init; }

    public long Info { get; init; }

    public long ChatId { get; init; }

    public long DisabledUntil { get; init; }

    public long Timestamp { get; init; }

    /// <summary>Persistent events are kept for <c>getLongPollHistory</c> and move <c>pts</c>; typing and online status are not.</summary>
    /// <remarks>Reactions and write bans are not given back by history here (no source says VK does): a client must not count on them.</remarks>
    public bool IsPersistent => Kind is not (WorldEventKind.FriendOnline or WorldEventKind.FriendOffline or WorldEventKind.Activity
        or WorldEventKind.Reaction or WorldEventKind.UnreadReactions or WorldEventKind.MemberRestricted);
}

/// <summary>An event with the numbers the server gave it.</summary>
/// <param name="Ts">Its event number (<c>ts</c>).</param>
/// <param name="Pts">The <c>pts</c> after it (it moves only with persistent events).</param>
/// <param name="Event">What happened.</param>
/// <param name="At">When, on the emulator's clock.</param>
internal sealed record LoggedEvent(long Ts, long Pts, WorldEvent Event, DateTimeOffset At);
