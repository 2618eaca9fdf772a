using VkLongPoll.Events;

namespace VkLongPoll.Protocol;

/// <summary>Turns one update array into its typed event: a switch on the code, one method per layout.</summary>
/// <remarks>
/// Codes decide the layout; the version only names flags and reads version 0's community ids.
/// Where versions differ in a way the data shows (63's order, 114's flat or object form), the
/// element types decide. Unknown codes become <see cref="UnknownEvent"/>.
/// </remarks>
internal static partial class EventDecoder
{
    public static LongPollEvent Decode(ref UpdateTuple tuple, LongPollContext context, LongPollDecoderOptions options)
    {
        if (tuple.Count == 0)
        {
            throw new LongPollProtocolException("an update must not be an empty array", tuple.Start);
        }

        if (!tuple.IsNumber(0))
        {
            throw new LongPollProtocolException("element 0 of an update (the event code) must be a number", tuple.Offset(0));
        }

        tuple.Code = tuple.Int32(0, "code");
        if (options.MalformedEvents == MalformedEventHandling.Throw)
        {
            return DecodeKnown(ref tuple, context, options);
        }

        try
        {
            return DecodeKnown(ref tuple, context, options);
        }
        catch (LongPollProtocolException e)
        {
            return new UnknownEvent(tuple.Code, tuple.Raw()) { DecodeError = e.Message };
        }
    }

    private static LongPollEvent DecodeKnown(ref UpdateTuple t, LongPollContext context, LongPollDecoderOptions o) => t.Code switch
    {
        1 => new MessageFlagsReplacedEvent(t.Code, ClassicFlags(ref t, o)),
        2 => new MessageFlagsSetEvent(t.Code, ClassicFlags(ref t, o)),
        3 => new MessageFlagsResetEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: true)),
        4 => new MessageNewEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
        5 => new MessageEditEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
        18 => new MessageUpdatedEvent(t.Code, ClassicMessage(ref t, o, flagsAreMask: false)),
        10002 => ModernFlagsSet(ref t, o),
        10003 => new MessageFlagsResetEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: true)),
        10004 => new MessageNewEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
        10005 => new MessageEditEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
        10018 => new MessageUpdatedEvent(t.Code, ModernMessage(ref t, o, context, flagsAreMask: false)),
        19 or 10019 => new MessageCacheResetEvent(t.Code, t.Int64(1, "message_id")),
        6 or 10006 => new MessagesReadInboxEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "message_id"), t.OptionalInt32(3, "count")),
        7 or 10007 => new MessagesReadOutboxEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "message_id"), t.OptionalInt32(3, "count")),
        13 or 10013 => MessagesDeleted(ref t, o),
        14 => new MessagesRestoredEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "message_id")),
        50 => Translation(ref t, o),
        8 => FriendOnline(ref t, o),
        9 => FriendOffline(ref t, o),
        81 => new FriendInvisibilityEvent(t.Code, UserId(ref t, 1), t.Int64(2, "state") != 0, t.OptionalInt64(3, "last_seen"), t.OptionalInt64(5, "app_id")),
        90 => new FriendsChangedEvent(t.Code, t.Int32(1, "action"), t.Int64(2, "user_id")),
        10 => new ConversationFlagsResetEvent(t.Code, Peer(ref t, 1, o), (ConversationFlags)t.Int64(2, "flags")),
        11 => new ConversationFlagsReplacedEvent(t.Code, Peer(ref t, 1, o), (ConversationFlags)t.Int64(2, "flags")),
        12 => new ConversationFlagsSetEvent(t.Code, Peer(ref t, 1, o), (ConversationFlags)t.Int64(2, "flags")),
        20 => new ConversationMajorIdEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "major_id")),
        21 => new ConversationMinorIdEvent(t.Code, Peer(ref t, 1, o), t.Int64(2, "minor_id")),
        51 => new ChatChangedEvent(t.Code, t.Int64(1, "chat_id"), t.OptionalInt64(2, "self") is { } self ? self != 0 : null),
        52 => new ChatInfoEvent(t.Code, (ChatInfoType)t.Int32(1, "type"), Peer(ref t, 2, o), t.OptionalInt64(3, "info") ?? 0),
        91 => new ChatMemberWriteBanEvent(t.Code, t.Int32(1, "action"), Peer(ref t, 2, o), t.Int64(3, "member_id"), t.OptionalInt64(4, "seconds"), t.OptionalInt64(5, "until")),
        114 => NotificationSettings(ref t, o),
        61 or 62 => LegacyTyping(ref t, o),
        >= 63 and <= 69 => Activity(ref t, o),
        70 when t.IsArray(1) || t.IsArray(2) => Activity(ref t, o),
        70 => new UserCallEvent(t.Code, t.Int64(1, "user_id"), t.Int64(2, "call_id")),
        80 => UnreadCounter(ref t, o),
        115 => new CallEvent(t.Code, t.IsObject(1) ? t.Raw(1) : throw t.Error(1, "(call data) must be an object")),
        119 => CallbackAnswer(ref t, o),
        501 => new FolderCreatedEvent(t.Code, t.Int64(1, "folder_id"), Unescape(t.OptionalString(2, "name")), t.OptionalInt64(3, "random_id")),
        502 => new FolderDeletedEvent(t.Code, t.Int64(1, "folder_id")),
        503 => new FolderRenamedEvent(t.Code, t.Int64(1, "folder_id"), Unescape(t.OptionalString(2, "name"))),
        504 or 505 => new FolderPeersChangedEvent(t.Code, t.Int64(1, "folder_id"), PeerTail(ref t, 2, o)),
        506 => new FolderOrderEvent(t.Code, t.Int64Tail(1, "folder_id")),
        507 => FolderCounters(ref t),
        601 => Reactions(ref t, o),
        602 => UnreadReactions(ref t, o),
        _ => new UnknownEvent(t.Code, t.Raw()),
    };

    private static PeerId Peer(ref UpdateTuple t, int index, LongPollDecoderOptions o) =>
        PeerId.FromWire(t.Int64(index, "peer_id"), o.Version);

    private static PeerId[] PeerTail(ref UpdateTuple t, int first, LongPollDecoderOptions o)
    {
        var values = t.Int64Tail(first, "peer_id");
        var peers = new PeerId[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            peers[i] = PeerId.FromWire(values[i], o.Version);
        }

        return peers;
    }

    /// <summary>Friend events carry the user id negated.</summary>
    private static long UserId(ref UpdateTuple t, int index)
    {
        var value = t.Int64(index, "user_id");
        return value == long.MinValue ? throw t.Error(index, "(user_id) is out of range") : Math.Abs(value);
    }

    private static string? Unescape(string? text) => text is null ? null : VkText.Unescape(text);
}
