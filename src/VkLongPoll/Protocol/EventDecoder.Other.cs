using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Everything that is not a message tuple: reads, friends, activity, counters, chats, folders, reactions.</summary>
internal static partial class EventDecoder
{
    /// <summary>13 / 10013: <c>[code, peer_id, up_to_id]</c>; version 21 adds <c>reset_minor_id, last_message_id</c>.</summary>
    private static MessagesDeletedEvent MessagesDeleted(ref UpdateTuple t, LongPollDecoderOptions o) =>
        new(t.Code, Peer(ref t, 1, o), t.Int64(2, "message_id"))
        {
            ResetMinorId = t.OptionalInt64(3, "reset_minor_id") is { } reset ? reset != 0 : null,
            LastMessageId = t.OptionalInt64(4, "last_message_id"),
        };

    /// <summary>8: v3 <c>[8, -user_id, extra, ts]</c> (platform = extra &amp; 0xFF); v10 <c>[8, -user_id, platform, ts, app_id, is_mobile, has_invisible_mode]</c>.</summary>
    private static FriendOnlineEvent FriendOnline(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var extra = t.OptionalInt64(2, "platform") ?? 0;
        var platformId = extra < 0 ? 0 : (int)(extra & 0xFF);
        var modern = o.Version >= 10;
        return new FriendOnlineEvent(t.Code, UserId(ref t, 1), platformId is >= 1 and <= 7 ? (Platform)platformId : Platform.Unknown, t.OptionalInt64(3, "timestamp"))
        {
            PlatformId = platformId,
            AppId = modern ? t.OptionalInt64(4, "app_id") : null,
            IsMobile = modern && t.OptionalInt64(5, "is_mobile") is { } mobile ? mobile != 0 : null,
            HasInvisibleMode = modern && t.OptionalInt64(6, "has_invisible_mode") is { } invisible ? invisible != 0 : null,
        };
    }

    /// <summary>9: <c>[9, -user_id, is_timeout, ts, …]</c> (v3 calls index 2 flags: 0 left, 1 timeout).</summary>
    private static FriendOfflineEvent FriendOffline(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var modern = o.Version >= 10;
        return new FriendOfflineEvent(t.Code, UserId(ref t, 1), ((t.OptionalInt64(2, "is_timeout") ?? 0) & 1) != 0, t.OptionalInt64(3, "timestamp"))
        {
            AppId = modern ? t.OptionalInt64(4, "app_id") : null,
            IsMobile = modern && t.OptionalInt64(5, "is_mobile") is { } mobile ? mobile != 0 : null,
            HasInvisibleMode = modern && t.OptionalInt64(6, "has_invisible_mode") is { } invisible ? invisible != 0 : null,
        };
    }

    /// <summary>61 <c>[61, user_id, flags]</c> (typing in a dialog) and 62 <c>[62, user_id, chat_id]</c> (in a chat), version 3.</summary>
    private static ActivityEvent LegacyTyping(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var userId = t.Int64(1, "user_id");
        var peer = t.Code == 62 ? PeerId.FromChatId(t.Int64(2, "chat_id")) : PeerId.FromWire(userId, o.Version);
        return new ActivityEvent(t.Code, ActivityKind.Typing, peer, [userId], 1, null);
    }

    /// <summary>63–69 (and 70 in version 19): <c>[code, peer_id, [user_ids], total, ts]</c>; version 3's doc puts the list first.</summary>
    private static ActivityEvent Activity(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var listFirst = t.IsArray(1);
        var peerIndex = listFirst ? 2 : 1;
        var listIndex = listFirst ? 1 : 2;
        var kind = t.Code switch
        {
            63 => ActivityKind.Typing,
            64 => ActivityKind.RecordingVoice,
            65 => ActivityKind.UploadingPhoto,
            66 => ActivityKind.UploadingVideo,
            67 => ActivityKind.UploadingFile,
            68 => ActivityKind.RecordingVideoMessage,
            69 => ActivityKind.ChoosingFile,
            _ => ActivityKind.ChoosingTemplate,
        };
        var users = t.IsArray(listIndex) ? t.Int64Array(listIndex, "user_ids") : [t.Int64(listIndex, "user_ids")];
        return new ActivityEvent(t.Code, kind, Peer(ref t, peerIndex, o), users, t.OptionalInt32(3, "total_count"), t.OptionalInt64(4, "timestamp"));
    }

    /// <summary>80: v3 <c>[80, count, 0]</c>; v10+ <c>[80, unread, unread_unmuted, show_only_unmuted, business, header, header_unmuted, archive, archive_unmuted, archive_mentions]</c>.</summary>
    private static UnreadCounterEvent UnreadCounter(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var count = t.Int32(1, "count");
        if (o.Version < 10)
        {
            return new UnreadCounterEvent(t.Code, count);
        }

        return new UnreadCounterEvent(t.Code, count)
        {
            UnreadUnmuted = t.OptionalInt32(2, "unread_unmuted"),
            ShowOnlyUnmuted = t.OptionalInt64(3, "show_only_unmuted") is { } only ? only != 0 : null,
            BusinessUnread = t.OptionalInt32(4, "business_unread"),
            HeaderUnread = t.OptionalInt32(5, "header_unread"),
            HeaderUnreadUnmuted = t.OptionalInt32(6, "header_unread_unmuted"),
            ArchiveUnread = t.OptionalInt32(7, "archive_unread"),
            ArchiveUnreadUnmuted = t.OptionalInt32(8, "archive_unread_unmuted"),
            ArchiveMentions = t.OptionalInt32(9, "archive_mentions"),
        };
    }

    /// <summary>114: <c>[114, {peer_id, sound, disabled_until}]</c> with mode 8, else flat <c>[114, peer_id, sound, disabled_until]</c>.</summary>
    private static NotificationSettingsEvent NotificationSettings(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        if (!t.IsObject(1))
        {
            return new NotificationSettingsEvent(t.Code, Peer(ref t, 1, o), t.OptionalInt64(2, "sound") is { } flat ? flat != 0 : null, t.OptionalInt64(3, "disabled_until") ?? 0);
        }

        long? peer = null;
        bool? sound = null;
        long disabledUntil = 0;
        var reader = new ObjectReader(t.ObjectAt(1, "settings"), t.BaseOffset(1), "event 114: element 1");
        while (reader.NextProperty())
        {
            if (reader.NameIs("peer_id"u8))
            {
                peer = reader.Int64("peer_id");
            }
            else if (reader.NameIs("sound"u8))
            {
                sound = reader.Flag("sound");
            }
            else if (reader.NameIs("disabled_until"u8))
            {
                disabledUntil = reader.Int64("disabled_until") ?? 0;
            }
            else
            {
                reader.SkipValue();
            }
        }

        return new NotificationSettingsEvent(t.Code, PeerId.FromWire(peer ?? throw t.Error(1, "(peer_id) is missing"), o.Version), sound, disabledUntil);
    }

    /// <summary>50: <c>[50, {peer_id, cmid, translation, language}]</c>.</summary>
    private static MessageTranslatedEvent Translation(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        long? peer = null;
        long? cmid = null;
        string? translation = null;
        string? language = null;
        var reader = new ObjectReader(t.ObjectAt(1, "translation"), t.BaseOffset(1), "event 50: element 1");
        while (reader.NextProperty())
        {
            if (reader.NameIs("peer_id"u8))
            {
                peer = reader.Int64("peer_id");
            }
            else if (reader.NameIs("cmid"u8))
            {
                cmid = reader.Int64("cmid");
            }
            else if (reader.NameIs("translation"u8))
            {
                translation = reader.Text("translation");
            }
            else if (reader.NameIs("language"u8))
            {
                language = reader.String("language");
            }
            else
            {
                reader.SkipValue();
            }
        }

        return new MessageTranslatedEvent(
            t.Code,
            PeerId.FromWire(peer ?? throw t.Error(1, "(peer_id) is missing"), o.Version),
            cmid ?? throw t.Error(1, "(cmid) is missing"),
            translation,
            language);
    }

    /// <summary>119: <c>[119, {owner_id, peer_id, event_id, action?}]</c>.</summary>
    private static CallbackAnswerEvent CallbackAnswer(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        long? owner = null;
        long? peer = null;
        string? eventId = null;
        string? actionJson = null;
        string? actionType = null;
        var reader = new ObjectReader(t.ObjectAt(1, "answer"), t.BaseOffset(1), "event 119: element 1");
        while (reader.NextProperty())
        {
            if (reader.NameIs("owner_id"u8))
            {
                owner = reader.Int64("owner_id");
            }
            else if (reader.NameIs("peer_id"u8))
            {
                peer = reader.Int64("peer_id");
            }
            else if (reader.NameIs("event_id"u8))
            {
                eventId = reader.String("event_id");
            }
            else if (reader.NameIs("action"u8))
            {
                (actionJson, actionType) = ReadCallbackAction(ref reader);
            }
            else
            {
                reader.SkipValue();
            }
        }

        return new CallbackAnswerEvent(t.Code, owner, peer is { } p ? PeerId.FromWire(p, o.Version) : null, eventId, actionJson) { ActionType = actionType };
    }

    private static (string? Json, string? Type) ReadCallbackAction(ref ObjectReader outer)
    {
        if (outer.PeekValueType() != System.Text.Json.JsonTokenType.StartObject)
        {
            return (outer.RawValueJson(), null);
        }

        var bytes = outer.ValueBytes(out var offset);
        var reader = new ObjectReader(bytes, offset, "event 119: action");
        string? type = null;
        while (reader.NextProperty())
        {
            if (reader.NameIs("type"u8))
            {
                type = reader.String("action.type");
            }
            else
            {
                reader.SkipValue();
            }
        }

        return (JsonValues.RawText(bytes, offset), type);
    }

    /// <summary>507: <c>[507, [folder_id, unread, unread_unmuted], …]</c>.</summary>
    private static FolderUnreadCountersEvent FolderCounters(ref UpdateTuple t)
    {
        var counters = new List<FolderUnreadCounter>(t.Count - 1);
        for (var i = 1; i < t.Count; i++)
        {
            var values = t.Int64Array(i, "folder counter");
            if (values.Length < 3)
            {
                throw t.Error(i, "(folder counter) must have 3 numbers");
            }

            counters.Add(new FolderUnreadCounter(
                values[0],
                JsonValues.ToInt32(values[1], t.Offset(i), "unread") ?? 0,
                JsonValues.ToInt32(values[2], t.Offset(i), "unread_unmuted") ?? 0));
        }

        return new FolderUnreadCountersEvent(t.Code, counters);
    }

    /// <summary>601: <c>[601, action, peer_id, cmid, (my_reaction_id,) reactions_count, …blocks, …tail]</c>; a block is <c>[len, reaction_id, count, users_count, …user_ids]</c> flattened.</summary>
    private static ReactionsChangedEvent Reactions(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var action = t.Int32(1, "action");
        var peer = Peer(ref t, 2, o);
        var cmid = t.Int64(3, "conversation_message_id");
        var p = 4;
        int? mine = action == 1 ? t.Int32(p++, "my_reaction_id") : null;
        var total = t.Int32(p++, "reactions_count");
        var blocks = new List<ReactionCount>();
        while (p < t.Count)
        {
            var length = t.Int32(p, "block length");
            // A block has at least reaction_id, count, users_count; shorter means we reached the tail.
            if (length < 3 || p + length >= t.Count)
            {
                break;
            }

            var usersCount = t.Int32(p + 3, "users_count");
            if (usersCount < 0 || usersCount != length - 3)
            {
                throw t.Error(p, "(block length) does not match its users count");
            }

            var users = new long[usersCount];
            for (var i = 0; i < usersCount; i++)
            {
                users[i] = t.Int64(p + 4 + i, "user_id");
            }

            blocks.Add(new ReactionCount(t.Int32(p + 1, "reaction_id"), t.Int32(p + 2, "count"), users));
            p += length + 1;
        }

        return new ReactionsChangedEvent(t.Code, (ReactionAction)action, peer, cmid, blocks)
        {
            MyReactionId = mine,
            ReactionsCount = total,
            Tail = t.Int64Tail(p, "tail"),
        };
    }

    /// <summary>602: <c>[602, peer_id, messages_count, …cmids]</c>.</summary>
    private static UnreadReactionsEvent UnreadReactions(ref UpdateTuple t, LongPollDecoderOptions o)
    {
        var peer = Peer(ref t, 1, o);
        var count = t.Int32(2, "messages_count");
        var ids = t.Int64Tail(3, "conversation_message_id");
        return count < 0 || count > ids.Length
            ? throw t.Error(2, "(messages_count) exceeds the ids given")
            : new UnreadReactionsEvent(t.Code, peer, ids[..count]);
    }
}
