using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>The per-event fields of the NDJSON output.</summary>
public sealed partial class EventJsonWriter
{
    private void WriteFields(LongPollEvent e)
    {
        switch (e)
        {
            case MessageNewEvent m: WriteMessage(m.Message); break;
            case MessageEditEvent m: WriteMessage(m.Message); break;
            case MessageUpdatedEvent m: WriteMessage(m.Message); break;
            case MessageFlagsResetEvent m: WriteMessage(m.Message); break;
            case MessageFlagsReplacedEvent m: WriteMessage(m.Message); break;
            case MessageFlagsSetEvent m:
                WriteMessage(m.Message);
                if (m.MoreIds.Count > 0)
                {
                    Numbers("more_ids", m.MoreIds);
                }

                break;
            case MessageCacheResetEvent m: _json.WriteNumber("message_id", m.MessageId); break;
            case MessageTranslatedEvent m:
                _json.WriteNumber("peer_id", m.PeerId.Value);
                _json.WriteNumber("conversation_message_id", m.ConversationMessageId);
                String("translation", m.Translation);
                String("language", m.Language);
                break;
            case MessagesReadInboxEvent r: WriteUpTo(r.Code, r.PeerId, r.UpToId, r.UnreadCount); break;
            case MessagesReadOutboxEvent r: WriteUpTo(r.Code, r.PeerId, r.UpToId, r.UnreadCount); break;
            case MessagesDeletedEvent d:
                WriteUpTo(d.Code, d.PeerId, d.UpToId, null);
                Bool("reset_minor_id", d.ResetMinorId);
                Number("last_message_id", d.LastMessageId);
                break;
            case MessagesRestoredEvent r: WriteUpTo(r.Code, r.PeerId, r.UpToId, null); break;
            default: WriteOtherFields(e); break;
        }
    }

    private void WriteOtherFields(LongPollEvent e)
    {
        switch (e)
        {
            case FriendOnlineEvent f:
                _json.WriteNumber("user_id", f.UserId);
                _json.WriteString("platform", PlatformName(f.Platform));
                _json.WriteNumber("platform_id", f.PlatformId);
                Number("timestamp", f.Timestamp);
                Number("app_id", f.AppId);
                Bool("is_mobile", f.IsMobile);
                Bool("has_invisible_mode", f.HasInvisibleMode);
                TrueOnly("polled", f.IsPolled);
                break;
            case FriendOfflineEvent f:
                _json.WriteNumber("user_id", f.UserId);
                _json.WriteBoolean("timeout", f.IsTimeout);
                Number("timestamp", f.Timestamp);
                Number("app_id", f.AppId);
                Bool("is_mobile", f.IsMobile);
                Bool("has_invisible_mode", f.HasInvisibleMode);
                TrueOnly("polled", f.IsPolled);
                break;
            case FriendInvisibilityEvent f:
                _json.WriteNumber("user_id", f.UserId);
                _json.WriteBoolean("invisible", f.IsInvisible);
                Number("last_seen", f.LastSeen);
                Number("app_id", f.AppId);
                break;
            case FriendsChangedEvent f:
                _json.WriteNumber("action", (int)f.Action);
                _json.WriteNumber("user_id", f.UserId);
                break;
            case ConversationFlagsResetEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationFlagsReplacedEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationFlagsSetEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationMajorIdEvent c:
                _json.WriteNumber("peer_id", c.PeerId.Value);
                _json.WriteNumber("major_id", c.MajorId);
                break;
            case ConversationMinorIdEvent c:
                _json.WriteNumber("peer_id", c.PeerId.Value);
                _json.WriteNumber("minor_id", c.MinorId);
                break;
            case ChatChangedEvent c:
                _json.WriteNumber("chat_id", c.ChatId);
                Bool("self", c.IsSelf);
                break;
            case ChatInfoEvent c:
                _json.WriteNumber("info_type", (int)c.InfoType);
                _json.WriteString("info_type_name", ChatInfoTypeName(c.InfoType));
                _json.WriteNumber("peer_id", c.PeerId.Value);
                _json.WriteNumber("info", c.Info);
                Number("member_id", c.MemberId);
                break;
            case ChatMemberWriteBanEvent b:
                _json.WriteNumber("action", (int)b.Action);
                _json.WriteNumber("peer_id", b.PeerId.Value);
                _json.WriteNumber("member_id", b.MemberId);
                Number("seconds", b.Seconds);
                Number("until", b.Until);
                break;
            case NotificationSettingsEvent n:
                _json.WriteNumber("peer_id", n.PeerId.Value);
                Bool("sound", n.Sound);
                _json.WriteNumber("disabled_until", n.DisabledUntil);
                break;
            case ActivityEvent a:
                _json.WriteNumber("peer_id", a.PeerId.Value);
                Numbers("user_ids", a.UserIds);
                Number("count", a.TotalCount);
                Number("timestamp", a.Timestamp);
                break;
            case UnreadCounterEvent u: WriteCounter(u); break;
            default: WriteRareFields(e); break;
        }
    }

    private void WriteRareFields(LongPollEvent e)
    {
        switch (e)
        {
            case UserCallEvent c:
                _json.WriteNumber("user_id", c.UserId);
                _json.WriteNumber("call_id", c.CallId);
                break;
            case CallEvent c: Raw("data", c.DataJson); break;
            case CallbackAnswerEvent c:
                Number("owner_id", c.OwnerId);
                Number("peer_id", c.PeerId?.Value);
                String("event_id", c.EventId);
                Raw("action", c.ActionJson);
                break;
            case FolderCreatedEvent f:
                _json.WriteNumber("folder_id", f.FolderId);
                String("name", f.Name);
                Number("random_id", f.RandomId);
                break;
            case FolderDeletedEvent f: _json.WriteNumber("folder_id", f.FolderId); break;
            case FolderRenamedEvent f:
                _json.WriteNumber("folder_id", f.FolderId);
                String("name", f.Name);
                break;
            case FolderPeersChangedEvent f:
                _json.WriteNumber("folder_id", f.FolderId);
                _json.WriteStartArray("peer_ids");
                foreach (var peer in f.PeerIds)
                {
                    _json.WriteNumberValue(peer.Value);
                }

                _json.WriteEndArray();
                break;
            case FolderOrderEvent f: Numbers("folder_ids", f.FolderIds); break;
            case FolderUnreadCountersEvent f:
                _json.WriteStartArray("counters");
                foreach (var counter in f.Counters)
                {
                    _json.WriteStartObject();
                    _json.WriteNumber("folder_id", counter.FolderId);
                    _json.WriteNumber("unread", counter.Unread);
                    _json.WriteNumber("unread_unmuted", counter.UnreadUnmuted);
                    _json.WriteEndObject();
                }

                _json.WriteEndArray();
                break;
            case ReactionsChangedEvent r: WriteReactions(r); break;
            case UnreadReactionsEvent r:
                _json.WriteNumber("peer_id", r.PeerId.Value);
                Numbers("conversation_message_ids", r.ConversationMessageIds);
                break;
            case UnknownEvent u:
                Raw("raw", u.Raw);
                String("decode_error", u.DecodeError);
                break;
        }
    }

    private void WriteUpTo(int code, PeerId peer, long upTo, int? count)
    {
        _json.WriteNumber("peer_id", peer.Value);
        // Before version 19 these codes count in global message ids; 10006/10007/10013 in conversation ids.
        _json.WriteNumber(code >= 10000 ? "conversation_message_id" : "message_id", upTo);
        Number("count", count);
    }

    private void WritePeerFlags(PeerId peer, ConversationFlags flags)
    {
        _json.WriteNumber("peer_id", peer.Value);
        _json.WriteNumber("flags", (long)flags);
    }

    private void WriteCounter(UnreadCounterEvent u)
    {
        _json.WriteNumber("count", u.Count);
        Number("unread_unmuted", u.UnreadUnmuted);
        Bool("show_only_unmuted", u.ShowOnlyUnmuted);
        Number("business_unread", u.BusinessUnread);
        Number("header_unread", u.HeaderUnread);
        Number("header_unread_unmuted", u.HeaderUnreadUnmuted);
        Number("archive_unread", u.ArchiveUnread);
        Number("archive_unread_unmuted", u.ArchiveUnreadUnmuted);
        Number("archive_mentions", u.ArchiveMentions);
    }

    private void WriteReactions(ReactionsChangedEvent r)
    {
        _json.WriteNumber("action", (int)r.Action);
        _json.WriteNumber("peer_id", r.PeerId.Value);
        _json.WriteNumber("conversation_message_id", r.ConversationMessageId);
        Number("my_reaction_id", r.MyReactionId);
        _json.WriteNumber("reactions_count", r.ReactionsCount);
        _json.WriteStartArray("reactions");
        foreach (var reaction in r.Reactions)
        {
            _json.WriteStartObject();
            _json.WriteNumber("reaction_id", reaction.ReactionId);
            _json.WriteNumber("count", reaction.Count);
            Numbers("user_ids", reaction.UserIds);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        if (r.Tail.Count > 0)
        {
            Numbers("tail", r.Tail);
        }
    }

    private static string PlatformName(Platform platform) => platform switch
    {
        Platform.Mobile => "mobile",
        Platform.IPhone => "iphone",
        Platform.IPad => "ipad",
        Platform.Android => "android",
        Platform.WindowsPhone => "windows_phone",
        Platform.Windows => "windows",
        Platform.Web => "web",
        _ => "unknown",
    };
}
