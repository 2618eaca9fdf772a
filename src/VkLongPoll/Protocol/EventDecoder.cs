using VkLongPoll.Events;

namespace VkLongPoll;

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

    // Every arm is one call: the arms' temporaries then live in small methods, not in this frame.
    private static LongPollEvent DecodeKnown(ref UpdateTuple t, LongPollContext context, LongPollDecoderOptions o) => t.Code switch
    {
        1 or 2 or 3 or 4 or 5 or 18 => ClassicMessageEvent(ref t, o),
        10002 => ModernFlagsSet(ref t, o),
        10003 or 10004 or 10005 or 10018 => ModernMessageEvent(ref t, o, context),
        19 or 10019 => CacheReset(ref t),
        6 or 10006 or 7 or 10007 => ReadUpTo(ref t, o),
        13 or 10013 => MessagesDeleted(ref t, o),
        14 => MessagesRestored(ref t, o),
        50 => Translation(ref t, o),
        8 => FriendOnline(ref t, o),
        9 => FriendOffline(ref t, o),
        81 => FriendInvisibility(ref t),
        90 => FriendsChanged(ref t),
        10 or 11 or 12 => ConversationFlagsChanged(ref t, o),
        20 or 21 => ConversationSortKey(ref t, o),
        51 => ChatChanged(ref t),
        52 => ChatInfo(ref t, o),
        91 => ChatWriteBan(ref t, o),
        114 => NotificationSettings(ref t, o),
        61 or 62 => LegacyTyping(ref t, o),
        >= 63 and <= 69 => Activity(ref t, o),
        70 => t.IsArray(1) || t.IsArray(2) ? Activity(ref t, o) : UserCall(ref t),
        80 => UnreadCounter(ref t, o),
        115 => Call(ref t),
        119 => CallbackAnswer(ref t, o),
        >= 501 and <= 507 => Folder(ref t, o),
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
}
