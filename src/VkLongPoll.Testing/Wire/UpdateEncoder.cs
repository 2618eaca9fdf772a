using System.Text.Json;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Wire;

/// <summary>Writes one event as the update array of a version and mode, from the emulator's own model.</summary>
/// <remarks>Written from the protocol notes (docs/protocol), independently of the library's decoder.</remarks>
internal static partial class UpdateEncoder
{
    /// <summary>False for events this version does not send (friend online/offline from version 11 on).</summary>
    public static bool IsSent(WorldEvent e, WireFormat format) => e.Kind switch
    {
        WorldEventKind.FriendOnline or WorldEventKind.FriendOffline => format.Version < 11,
        WorldEventKind.Reaction or WorldEventKind.UnreadReactions or WorldEventKind.MemberRestricted => format.Family == 19 && !format.History,
        _ => true,
    };

    public static void Write(Utf8JsonWriter json, WorldEvent e, WireFormat f)
    {
        json.WriteStartArray();
        switch (e.Kind)
        {
            case WorldEventKind.MessageNew when e.Shortened && f.Family == 19 && !f.History: WriteShortNew(json, e.Message!); break;
            case WorldEventKind.MessageNew: WriteMessage(json, e.Message!, f, f.Family == 19 ? 10004 : 4, e.Message!.Flags); break;
            case WorldEventKind.MessageEdit: WriteMessage(json, e.Message!, f, f.Family == 19 ? 10005 : 5, e.Message!.Flags); break;
            case WorldEventKind.MessageUpdated: WriteMessage(json, e.Message!, f, f.Family == 19 ? 10018 : 18, e.Message!.Flags); break;
            case WorldEventKind.MessageFlagsSet: WriteFlags(json, e, f, f.Family == 19 ? 10002 : 2); break;
            case WorldEventKind.MessageFlagsReset when e.WithMessage && !f.History:
                WriteMessage(json, e.Message!, f, f.Family == 19 ? 10003 : 3, e.Mask);
                break;
            case WorldEventKind.MessageFlagsReset: WriteFlags(json, e, f, f.Family == 19 ? 10003 : 3); break;
            case WorldEventKind.ReadInbox or WorldEventKind.ReadOutbox: WriteRead(json, e, f); break;
            case WorldEventKind.MessagesDeleted: WriteDeleted(json, e, f); break;
            case WorldEventKind.MessageCacheReset:
                json.WriteNumberValue(f.Family == 19 ? 10019 : 19);
                json.WriteNumberValue(e.Message!.Id);
                break;
            default: WriteOther(json, e, f); break;
        }

        json.WriteEndArray();
    }

    private static void WriteOther(Utf8JsonWriter json, WorldEvent e, WireFormat f)
    {
        switch (e.Kind)
        {
            case WorldEventKind.FriendOnline or WorldEventKind.FriendOffline:
                var online = e.Kind == WorldEventKind.FriendOnline;
                json.WriteNumberValue(online ? 8 : 9);
                json.WriteNumberValue(-e.UserId);
                json.WriteNumberValue(online ? (f.Platforms || f.Family > 3 ? e.Platform : 0) : (e.Timeout ? 1 : 0));
                json.WriteNumberValue(e.Timestamp);
                if (f.Family > 3)
                {
                    json.WriteNumberValue(0); // app_id
                    json.WriteNumberValue(online && e.Platform is >= 1 and <= 5 ? 1 : 0);
                    json.WriteNumberValue(0); // has_invisible_mode
                }

                break;
            case WorldEventKind.Activity:
                // Every maintained client (and VK since v10) puts the peer first; version 3's doc had the list first.
                json.WriteNumberValue(e.ActivityCode);
                json.WriteNumberValue(e.PeerId);
                json.WriteStartArray();
                foreach (var user in e.UserIds)
                {
                    json.WriteNumberValue(user);
                }

                json.WriteEndArray();
                json.WriteNumberValue(e.Count);
                json.WriteNumberValue(e.Timestamp);
                break;
            case WorldEventKind.UnreadCounter:
                json.WriteNumberValue(80);
                json.WriteNumberValue(e.Count);
                if (f.Family == 3)
                {
                    json.WriteNumberValue(0);
                    break;
                }

                foreach (var value in new long[] { e.Count, 0, 0, e.Count, e.Count, 0, 0, 0 })
                {
                    json.WriteNumberValue(value);
                }

                break;
            case WorldEventKind.ChatChanged:
                json.WriteNumberValue(51);
                json.WriteNumberValue(e.ChatId);
                if (f.Family == 3)
                {
                    json.WriteNumberValue(0);
                }

                break;
            case WorldEventKind.ChatInfo:
                json.WriteNumberValue(52);
                json.WriteNumberValue(e.ChatInfoType);
                json.WriteNumberValue(e.PeerId);
                json.WriteNumberValue(e.Info);
                break;
            case WorldEventKind.ConversationFlagsSet or WorldEventKind.ConversationFlagsReset:
                json.WriteNumberValue(e.Kind == WorldEventKind.ConversationFlagsSet ? 12 : 10);
                json.WriteNumberValue(e.PeerId);
                json.WriteNumberValue(e.Mask);
                break;
            case WorldEventKind.NotificationSettings:
                json.WriteNumberValue(114);
                if (f.ExtendedEvents)
                {
                    json.WriteStartObject();
                    json.WriteNumber("peer_id", e.PeerId);
                    json.WriteNumber("sound", 1);
                    json.WriteNumber("disabled_until", e.DisabledUntil);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNumberValue(e.PeerId);
                    json.WriteNumberValue(1);
                    json.WriteNumberValue(e.DisabledUntil);
                }

                break;
            case WorldEventKind.Reaction:
                // [601, 2 (someone else added), peer, cmid, reactions_count, [len, reaction_id, count, users_count, ...user_ids]...]
                json.WriteNumberValue(601);
                json.WriteNumberValue(2);
                json.WriteNumberValue(e.PeerId);
                json.WriteNumberValue(e.Info);
                json.WriteNumberValue(1);
                json.WriteNumberValue(3 + e.UserIds.Length);
                json.WriteNumberValue(e.Count);
                json.WriteNumberValue(e.UserIds.Length);
                json.WriteNumberValue(e.UserIds.Length);
                foreach (var user in e.UserIds)
                {
                    json.WriteNumberValue(user);
                }

                break;
            case WorldEventKind.UnreadReactions:
                // [602, peer, count, ...cmids]
                json.WriteNumberValue(602);
                json.WriteNumberValue(e.PeerId);
                json.WriteNumberValue(1);
                json.WriteNumberValue(e.Info);
                break;
            case WorldEventKind.MemberRestricted:
                // [91, 1 (until a time) | 2 (for good) | 3 (may write again), peer, member, seconds, until]
                json.WriteNumberValue(91);
                json.WriteNumberValue(e.Count);
                json.WriteNumberValue(e.PeerId);
                json.WriteNumberValue(e.UserId);
                if (e.Count == 1)
                {
                    json.WriteNumberValue(e.DisabledUntil - e.Timestamp);
                    json.WriteNumberValue(e.DisabledUntil);
                }

                break;
            default:
                throw new InvalidOperationException($"no encoding for {e.Kind}");
        }
    }

    /// <summary>2/3 and 10002/10003: <c>[code, id, mask, peer_id]</c>; version 21 adds the global id to 10002.</summary>
    private static void WriteFlags(Utf8JsonWriter json, WorldEvent e, WireFormat f, int code)
    {
        var message = e.Message!;
        json.WriteNumberValue(code);
        json.WriteNumberValue(f.Family == 19 ? message.ConversationMessageId : message.Id);
        json.WriteNumberValue(e.Mask);
        json.WriteNumberValue(message.PeerId);
        if (code == 10002 && f.IsVersion21)
        {
            json.WriteNumberValue(message.Id);
        }
    }

    private static void WriteRead(Utf8JsonWriter json, WorldEvent e, WireFormat f)
    {
        var inbox = e.Kind == WorldEventKind.ReadInbox;
        json.WriteNumberValue((f.Family == 19 ? 10000 : 0) + (inbox ? 6 : 7));
        json.WriteNumberValue(e.PeerId);
        json.WriteNumberValue(f.Family == 19 ? e.UpToConversationMessageId : e.UpToMessageId);
        if (f.Family > 3 && !f.History)
        {
            json.WriteNumberValue(e.Count);
        }
    }

    private static void WriteDeleted(Utf8JsonWriter json, WorldEvent e, WireFormat f)
    {
        json.WriteNumberValue(f.Family == 19 ? 10013 : 13);
        json.WriteNumberValue(e.PeerId);
        json.WriteNumberValue(f.Family == 19 ? e.UpToConversationMessageId : e.UpToMessageId);
        if (f.Family == 19 && f.IsVersion21)
        {
            json.WriteNumberValue(0);
            json.WriteNumberValue(e.UpToMessageId);
        }
    }
}
