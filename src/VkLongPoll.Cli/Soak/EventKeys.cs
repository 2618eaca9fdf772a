using VkLongPoll.Events;

namespace VkLongPoll.Cli.Soak;

/// <summary>
/// A comparable identity of an event, made only of what both a live update and a shortened history item
/// carry (ids, peer, flags), so an event recovered through history matches the journal's live form.
/// </summary>
internal static class EventKeys
{
    public static string Of(LongPollEvent e) => e switch
    {
        MessageNewEvent m => $"{e.Type}|{Message(m.Message)}",
        MessageEditEvent m => $"{e.Type}|{Message(m.Message)}",
        MessageUpdatedEvent m => $"{e.Type}|{Message(m.Message)}",
        MessageFlagsSetEvent m => $"{e.Type}|{Message(m.Message)}",
        MessageFlagsResetEvent m => $"{e.Type}|{Message(m.Message)}",
        MessagesReadInboxEvent r => $"{e.Type}|{r.PeerId}|{r.UpToId}",
        MessagesReadOutboxEvent r => $"{e.Type}|{r.PeerId}|{r.UpToId}",
        MessagesDeletedEvent d => $"{e.Type}|{d.PeerId}|{d.UpToId}",
        MessageCacheResetEvent c => $"{e.Type}|{c.MessageId}",
        UnreadCounterEvent u => $"{e.Type}|{u.Count}",
        ChatChangedEvent c => $"{e.Type}|{c.ChatId}",
        ChatInfoEvent c => $"{e.Type}|{(int)c.InfoType}|{c.PeerId}|{c.Info}",
        ConversationFlagsSetEvent c => $"{e.Type}|{c.PeerId}|{(long)c.Flags}",
        ConversationFlagsResetEvent c => $"{e.Type}|{c.PeerId}|{(long)c.Flags}",
        NotificationSettingsEvent n => $"{e.Type}|{n.PeerId}|{n.DisabledUntil}",
        ActivityEvent a => $"{e.Type}|{a.PeerId}|{string.Join(',', a.UserIds)}",
        FriendOnlineEvent f => $"{e.Type}|{f.UserId}",
        FriendOfflineEvent f => $"{e.Type}|{f.UserId}",
        UnknownEvent u => $"{e.Type}|{u.Raw}",
        _ => e.Type,
    };

    private static string Message(LongPollMessage m) =>
        $"{m.PeerId}|{m.ConversationMessageId ?? m.MessageId}|{(long)m.Flags}";
}
