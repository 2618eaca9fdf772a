using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Message tuples: 1–5 and 18 (message id first), 10002–10018 (conversation message id first).</summary>
internal static partial class EventDecoder
{
    /// <summary>1 and 2: <c>[code, message_id, flags, peer_id?, …]</c>; the rest of a v3 "extra fields" tail is ignored.</summary>
    private static LongPollMessage ClassicFlags(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var message = MessageBuilder.Rent();
        message.Fields.MessageId = t.Int64(1, "message_id");
        message.Fields.Flags = (MessageFlags)t.Int64(2, "flags");
        message.Fields.PeerId = t.Has(3) ? Peer(ref t, 3, o) : null;
        return message.Build(o, flagsAreMask: t.Code == 2);
    }

    /// <summary>3, 4, 5, 18: <c>[code, message_id, flags, peer_id, ts, text, {add}, {att}, random_id, cmid, update_time]</c>.</summary>
    private static LongPollMessage ClassicMessage(ref UpdateTuple t, LongPollDecoderOptions o, bool flagsAreMask)
    {
        var message = t.Kludges ?? MessageBuilder.Rent();
        message.Fields.MessageId = t.Int64(1, "message_id");
        message.Fields.Flags = (MessageFlags)t.Int64(2, "flags");
        message.Fields.PeerId = t.Has(3) ? Peer(ref t, 3, o) : null;
        if (t.IsString(5))
        {
            ReadBody(ref t, message, textIndex: 5);
            var (random, cmid, updateTime) = Trailing(ref t, textIndex: 5, o);
            message.Fields.RandomId = random;
            message.Fields.ConversationMessageId = cmid;
            message.Fields.UpdateTime = updateTime;
        }

        return message.Build(o, flagsAreMask);
    }

    /// <summary>
    /// 10003, 10004, 10005, 10018. 10004: <c>[10004, cmid, flags, minor_id, peer_id, ts, text, {add}, {att}, random_id, message_id, update_time]</c>;
    /// the others lack minor_id. Short forms carry ids and flags only (see the remarks on position 3 and 4 of 10004).
    /// </summary>
    private static LongPollMessage ModernMessage(ref UpdateTuple t, LongPollDecoderOptions o, LongPollContext context, bool flagsAreMask)
    {
        var message = t.Kludges ?? MessageBuilder.Rent();
        message.Fields.ConversationMessageId = t.Int64(1, "conversation_message_id");
        message.Fields.Flags = (MessageFlags)t.Int64(2, "flags");

        var isNew = t.Code == 10004;
        var textIndex = MessageTextIndex(t.Code);
        if (isNew)
        {
            // Outside history a 4-element 10004 ends with minor_id (no peer); inside history it ends with peer_id.
            if (t.Count == 4 && context == LongPollContext.History)
            {
                message.Fields.PeerId = Peer(ref t, 3, o);
            }
            else
            {
                message.Fields.MinorId = t.OptionalInt64(3, "minor_id");
                message.Fields.PeerId = t.Has(4) ? Peer(ref t, 4, o) : null;
            }
        }
        else
        {
            message.Fields.PeerId = t.Has(3) ? Peer(ref t, 3, o) : null;
        }

        if (t.IsString(textIndex))
        {
            ReadBody(ref t, message, textIndex);
            var (random, messageId, updateTime) = Trailing(ref t, textIndex, o);
            message.Fields.RandomId = random;
            message.Fields.MessageId = messageId;
            message.Fields.UpdateTime = updateTime;
        }

        return message.Build(o, flagsAreMask);
    }

    /// <summary>10002: <c>[10002, cmid, mask, peer_id, message_id?]</c> (the fifth element is version 21's); a list of cmids at index 1 is a bulk change.</summary>
    private static MessageFlagsSetEvent ModernFlagsSet(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        long[] more = [];
        long cmid;
        if (t.IsArray(1))
        {
            var ids = t.Int64Array(1, "conversation_message_id");
            if (ids.Length == 0)
            {
                throw t.Error(1, "(conversation_message_id) is an empty list");
            }

            cmid = ids[0];
            more = ids[1..];
        }
        else
        {
            cmid = t.Int64(1, "conversation_message_id");
        }

        var message = MessageBuilder.Rent();
        message.Fields.ConversationMessageId = cmid;
        message.Fields.Flags = (MessageFlags)t.Int64(2, "flags");
        message.Fields.PeerId = t.Has(3) ? Peer(ref t, 3, o) : null;
        message.Fields.MessageId = t.OptionalInt64(4, "message_id");
        return new MessageFlagsSetEvent(t.Code, message.Build(o, flagsAreMask: true)) { MoreIds = more };
    }

    /// <summary>Reads timestamp, text and the additional/attachments objects that follow the text.</summary>
    private static void ReadBody(ref UpdateTuple t, MessageBuilder message, int textIndex)
    {
        message.Fields.IsComplete = true;
        message.Fields.Timestamp = t.OptionalInt64(textIndex - 1, "timestamp");
        message.Fields.Text = t.OptionalMessageText(textIndex, "text");

        // The objects after the text were read into this builder in the first pass (JsonSlotList.CollectArray).
        if (t.KludgesError is { } error)
        {
            throw error;
        }
    }

    /// <summary>Where a message code's text is (its objects follow it), or -1 for codes without one.</summary>
    public static int MessageTextIndex(long code) => code switch
    {
        3 or 4 or 5 or 18 or 10003 or 10005 or 10018 => 5,
        10004 => 6,
        _ => -1,
    };

    /// <summary>
    /// The numbers after the objects: <c>random_id</c> (mode 128), then the other id (cmid before
    /// version 19, message_id in 19) and <c>update_time</c>. Without a known mode their count decides:
    /// one is random_id (version 3), two are id and update_time (no mode 128), three are all of them.
    /// </summary>
    private static (long? Random, long? Id, long? UpdateTime) Trailing(ref UpdateTuple t, int textIndex, LongPollDecoderOptions o)
    {
        var first = textIndex + 1;
        while (first < t.Count && t.IsObject(first) && first <= textIndex + 2)
        {
            first++;
        }

        var count = t.Count - first;
        if (count <= 0)
        {
            return (null, null, null);
        }

        var hasRandom = o.Mode is { } mode ? (mode & 128) != 0 : count != 2;
        var p = first;
        long? random = hasRandom ? t.OptionalInt64(p++, "random_id") : null;
        long? id = t.OptionalInt64(p++, "id");
        long? updateTime = t.OptionalInt64(p, "update_time");
        return (random, id, updateTime);
    }
}
