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
                    Numbers("more_ids"u8, m.MoreIds);
                }

                break;
            case MessageCacheResetEvent m: _out.Number("message_id"u8, m.MessageId); break;
            case MessageTranslatedEvent m:
                _out.Number("peer_id"u8, m.PeerId.Value);
                _out.Number("conversation_message_id"u8, m.ConversationMessageId);
                String("translation"u8, m.Translation);
                String("language"u8, m.Language);
                break;
            case MessagesReadInboxEvent r: WriteUpTo(r.Code, r.PeerId, r.UpToId, r.UnreadCount); break;
            case MessagesReadOutboxEvent r: WriteUpTo(r.Code, r.PeerId, r.UpToId, r.UnreadCount); break;
            case MessagesDeletedEvent d:
                WriteUpTo(d.Code, d.PeerId, d.UpToId, null);
                Bool("reset_minor_id"u8, d.ResetMinorId);
                Number("last_message_id"u8, d.LastMessageId);
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
                _out.Number("user_id"u8, f.UserId);
                _out.String("platform"u8, PlatformName(f.Platform));
                _out.Number("platform_id"u8, f.PlatformId);
                WritePresenceDetails(f.Timestamp, f.AppId, f.IsMobile, f.HasInvisibleMode, f.IsPolled);
                break;
            case FriendOfflineEvent f:
                _out.Number("user_id"u8, f.UserId);
                _out.Bool("timeout"u8, f.IsTimeout);
                WritePresenceDetails(f.Timestamp, f.AppId, f.IsMobile, f.HasInvisibleMode, f.IsPolled);
                break;
            case FriendInvisibilityEvent f:
                _out.Number("user_id"u8, f.UserId);
                _out.Bool("invisible"u8, f.IsInvisible);
                Number("last_seen"u8, f.LastSeen);
                Number("app_id"u8, f.AppId);
                break;
            case FriendsChangedEvent f:
                _out.Number("action"u8, (int)f.Action);
                _out.Number("user_id"u8, f.UserId);
                break;
            case ConversationFlagsResetEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationFlagsReplacedEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationFlagsSetEvent c: WritePeerFlags(c.PeerId, c.Flags); break;
            case ConversationMajorIdEvent c:
                _out.Number("peer_id"u8, c.PeerId.Value);
                _out.Number("major_id"u8, c.MajorId);
                break;
            case ConversationMinorIdEvent c:
                _out.Number("peer_id"u8, c.PeerId.Value);
                _out.Number("minor_id"u8, c.MinorId);
                break;
            case ChatChangedEvent c:
                _out.Number("chat_id"u8, c.ChatId);
                Bool("self"u8, c.IsSelf);
                break;
            case ChatInfoEvent c:
                _out.Number("info_type"u8, (int)c.InfoType);
                _out.String("info_type_name"u8, ChatInfoTypeName(c.InfoType));
                _out.Number("peer_id"u8, c.PeerId.Value);
                _out.Number("info"u8, c.Info);
                Number("member_id"u8, c.MemberId);
                break;
            case ChatMemberWriteBanEvent b:
                _out.Number("action"u8, (int)b.Action);
                _out.Number("peer_id"u8, b.PeerId.Value);
                _out.Number("member_id"u8, b.MemberId);
                Number("seconds"u8, b.Seconds);
                Number("until"u8, b.Until);
                break;
            case NotificationSettingsEvent n:
                _out.Number("peer_id"u8, n.PeerId.Value);
                Bool("sound"u8, n.Sound);
                _out.Number("disabled_until"u8, n.DisabledUntil);
                break;
            case ActivityEvent a:
                _out.Number("peer_id"u8, a.PeerId.Value);
                Numbers("user_ids"u8, a.UserIds);
                Number("count"u8, a.TotalCount);
                Number("timestamp"u8, a.Timestamp);
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
                _out.Number("user_id"u8, c.UserId);
                _out.Number("call_id"u8, c.CallId);
                break;
            case CallEvent c: Raw("data"u8, c.DataJson); break;
            case CallbackAnswerEvent c:
                Number("owner_id"u8, c.OwnerId);
                Number("peer_id"u8, c.PeerId?.Value);
                String("event_id"u8, c.EventId);
                Raw("action"u8, c.ActionJson);
                break;
            case FolderCreatedEvent f:
                _out.Number("folder_id"u8, f.FolderId);
                String("name"u8, f.Name);
                Number("random_id"u8, f.RandomId);
                break;
            case FolderDeletedEvent f: _out.Number("folder_id"u8, f.FolderId); break;
            case FolderRenamedEvent f:
                _out.Number("folder_id"u8, f.FolderId);
                String("name"u8, f.Name);
                break;
            case FolderPeersChangedEvent f:
                _out.Number("folder_id"u8, f.FolderId);
                _out.StartArray("peer_ids"u8);
                foreach (var peer in f.PeerIds)
                {
                    _out.NumberValue(peer.Value);
                }

                _out.EndArray();
                break;
            case FolderOrderEvent f: Numbers("folder_ids"u8, f.FolderIds); break;
            case FolderUnreadCountersEvent f:
                _out.StartArray("counters"u8);
                foreach (var counter in f.Counters)
                {
                    _out.StartObject();
                    _out.Number("folder_id"u8, counter.FolderId);
                    _out.Number("unread"u8, counter.Unread);
                    _out.Number("unread_unmuted"u8, counter.UnreadUnmuted);
                    _out.EndObject();
                }

                _out.EndArray();
                break;
            case ReactionsChangedEvent r: WriteReactions(r); break;
            case UnreadReactionsEvent r:
                _out.Number("peer_id"u8, r.PeerId.Value);
                Numbers("conversation_message_ids"u8, r.ConversationMessageIds);
                break;
            case UnknownEvent u:
                Raw("raw"u8, u.Raw);
                String("decode_error"u8, u.DecodeError);
                break;
        }
    }

    private void WriteUpTo(int code, PeerId peer, long upTo, int? count)
    {
        _out.Number("peer_id"u8, peer.Value);
        // Before version 19 these codes count in global message ids; 10006/10007/10013 in conversation ids.
        _out.Number(code >= 10000 ? "conversation_message_id"u8 : "message_id"u8, upTo);
        Number("count"u8, count);
    }

    private void WritePeerFlags(PeerId peer, ConversationFlags flags)
    {
        _out.Number("peer_id"u8, peer.Value);
        _out.Number("flags"u8, (long)flags);
    }

    private void WriteCounter(UnreadCounterEvent u)
    {
        _out.Number("count"u8, u.Count);
        Number("unread_unmuted"u8, u.UnreadUnmuted);
        Bool("show_only_unmuted"u8, u.ShowOnlyUnmuted);
        Number("business_unread"u8, u.BusinessUnread);
        Number("header_unread"u8, u.HeaderUnread);
        Number("header_unread_unmuted"u8, u.HeaderUnreadUnmuted);
        Number("archive_unread"u8, u.ArchiveUnread);
        Number("archive_unread_unmuted"u8, u.ArchiveUnreadUnmuted);
        Number("archive_mentions"u8, u.ArchiveMentions);
    }

    /// <summary><c>"reactions": [{reaction_id, count, user_ids}]</c>: an event's and a recovered message's alike.</summary>
    private void Reactions(IReadOnlyList<ReactionCount> reactions)
    {
        _out.StartArray("reactions"u8);
        foreach (var reaction in reactions)
        {
            _out.StartObject();
            _out.Number("reaction_id"u8, reaction.ReactionId);
            _out.Number("count"u8, reaction.Count);
            Numbers("user_ids"u8, reaction.UserIds);
            _out.EndObject();
        }

        _out.EndArray();
    }

    private void WriteReactions(ReactionsChangedEvent r)
    {
        _out.Number("action"u8, (int)r.Action);
        _out.Number("peer_id"u8, r.PeerId.Value);
        _out.Number("conversation_message_id"u8, r.ConversationMessageId);
        Number("my_reaction_id"u8, r.MyReactionId);
        _out.Number("reactions_count"u8, r.ReactionsCount);
        Reactions(r.Reactions);
        if (r.Tail.Count > 0)
        {
            Numbers("tail"u8, r.Tail);
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

    /// <summary>What online and offline events share: when, from which app, and whether it was polled rather than pushed.</summary>
    private void WritePresenceDetails(long? timestamp, long? appId, bool? isMobile, bool? hasInvisibleMode, bool isPolled)
    {
        Number("timestamp"u8, timestamp);
        Number("app_id"u8, appId);
        Bool("is_mobile"u8, isMobile);
        Bool("has_invisible_mode"u8, hasInvisibleMode);
        TrueOnly("polled"u8, isPolled);
    }
}
