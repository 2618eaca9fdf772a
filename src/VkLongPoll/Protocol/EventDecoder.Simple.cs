using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>The short layouts: one small method each, so the dispatch stays a plain jump table.</summary>
internal static partial class EventDecoder
{
    private static LongPollEvent ClassicMessageEvent(ref UpdateTuple t, LongPollDecoderOptions o) => t.Code switch
    {
        1 => new MessageFlagsReplacedEvent(t.Code, ClassicFlags(ref t, o)),
        2 => new MessageFlagsSetEvent(t.Code, ClassicFlags(ref t, o)),
        3 => new MessageFlagsResetEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: true)),
        4 => new MessageNewEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
        5 => new MessageEditEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
        _ => new MessageUpdatedEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
    };

    private static LongPollEvent ModernMessageEvent(ref UpdateTuple t, LongPollDecoderOptions o, LongPollContext context) => t.Code switch
    {
        10003 => new MessageFlagsResetEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: true)),
        10004 => new MessageNewEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
        10005 => new MessageEditEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
        _ => new MessageUpdatedEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
    };

    /// <summary>19 / 10019: <c>[code, message_id]</c>.</summary>
    private static MessageCacheResetEvent CacheReset(ref UpdateTuple t) => new(t.Code, t.Int64(1, "message_id"));

    /// <summary>6/7 and 10006/10007: <c>[code, peer_id, up_to_id, count?]</c> (no count in v3 and in history).</summary>
    private static LongPollEvent ReadUpTo(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var peer = Peer(ref t, 1, o);
        var upTo = t.Int64(2, "message_id");
        var count = t.OptionalInt32(3, "count");
        return t.Code is 6 or 10006
            ? new MessagesReadInboxEvent(t.Code, peer, upTo, count)
            : new MessagesReadOutboxEvent(t.Code, peer, upTo, count);
    }

    /// <summary>14: <c>[14, peer_id, up_to_id]</c>.</summary>
    private static MessagesRestoredEvent MessagesRestored(ref UpdateTuple t, LongPollDecoderOptions o) =>
        new(t.Code, Peer(ref t, 1, o), t.Int64(2, "message_id"));

    /// <summary>81: <c>[81, -user_id, state, last_seen, -1, app_id]</c> (index 4 is always -1).</summary>
    private static FriendInvisibilityEvent FriendInvisibility(ref UpdateTuple t) =>
        new(t.Code, UserId(ref t, 1), t.Int64(2, "state") != 0, t.OptionalInt64(3, "last_seen"), t.OptionalInt64(5, "app_id"));

    /// <summary>90: <c>[90, action, user_id]</c>.</summary>
    private static FriendsChangedEvent FriendsChanged(ref UpdateTuple t) => new(t.Code, (FriendsChangeAction)t.Int32(1, "action"), t.Int64(2, "user_id"));

    /// <summary>10 reset, 11 replace, 12 set: <c>[code, peer_id, flags]</c>.</summary>
    private static LongPollEvent ConversationFlagsChanged(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var peer = Peer(ref t, 1, o);
        var flags = (ConversationFlags)t.Int64(2, "flags");
        return t.Code switch
        {
            10 => new ConversationFlagsResetEvent(t.Code, peer, flags),
            11 => new ConversationFlagsReplacedEvent(t.Code, peer, flags),
            _ => new ConversationFlagsSetEvent(t.Code, peer, flags),
        };
    }

    /// <summary>20 <c>[20, peer_id, major_id, 0]</c> and 21 <c>[21, peer_id, minor_id]</c>.</summary>
    private static LongPollEvent ConversationSortKey(ref UpdateTuple t, LongPollDecoderOptions o) => t.Code == 20
        ? new ConversationMajorIdEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "major_id"))
        : new ConversationMinorIdEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "minor_id"));

    /// <summary>51: <c>[51, chat_id, self?]</c>.</summary>
    private static ChatChangedEvent ChatChanged(ref UpdateTuple t) =>
        new(t.Code, t.Int64(1, "chat_id"), t.OptionalInt64(2, "self") is { } self ? self != 0 : null);

    /// <summary>52: <c>[52, type, peer_id, info]</c>; info may exceed 32 bits (access masks).</summary>
    private static ChatInfoEvent ChatInfo(ref UpdateTuple t, LongPollDecoderOptions o) =>
        new(t.Code, (ChatInfoType)t.Int32(1, "type"), Peer(ref t, 2, o), t.OptionalInt64(3, "info") ?? 0);

    /// <summary>91: <c>[91, action, peer_id, member_id, seconds?, until?]</c>.</summary>
    private static ChatMemberWriteBanEvent ChatWriteBan(ref UpdateTuple t, LongPollDecoderOptions o) =>
        new(t.Code, (WriteBanAction)t.Int32(1, "action"), Peer(ref t, 2, o), t.Int64(3, "member_id"), t.OptionalInt64(4, "seconds"), t.OptionalInt64(5, "until"));

    /// <summary>70 in version 3: <c>[70, user_id, call_id]</c>.</summary>
    private static UserCallEvent UserCall(ref UpdateTuple t) => new(t.Code, t.Int64(1, "user_id"), t.Int64(2, "call_id"));

    /// <summary>115: <c>[115, {call data}]</c>, kept raw.</summary>
    private static CallEvent Call(ref UpdateTuple t)
    {
        t.ObjectAt(1, "call data");
        return new CallEvent(t.Code, t.Raw(1));
    }

    /// <summary>501–507: folders.</summary>
    private static LongPollEvent Folder(ref UpdateTuple t, LongPollDecoderOptions o) => t.Code switch
    {
        501 => new FolderCreatedEvent(t.Code, t.Int64(1, "folder_id"), t.OptionalText(2, "name"), t.OptionalInt64(3, "random_id")),
        502 => new FolderDeletedEvent(t.Code, t.Int64(1, "folder_id")),
        503 => new FolderRenamedEvent(t.Code, t.Int64(1, "folder_id"), t.OptionalText(2, "name")),
        504 or 505 => new FolderPeersChangedEvent(t.Code, t.Int64(1, "folder_id"), PeerTail(ref t, 2, o)),
        506 => new FolderOrderEvent(t.Code, t.Int64Tail(1, "folder_id")),
        _ => FolderCounters(ref t),
    };
}
