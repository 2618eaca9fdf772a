using VkLongPoll.Events;

namespace VkLongPoll.Cli.Soak;

/// <summary>
/// A comparable identity of an event, made only of what both a live update and a shortened history item
/// carry (ids, peer, flags), so an event recovered through history matches the journal's live form.
/// </summary>
internal static class EventKeys
{
    private const string ShortNewPrefix = "message_new|minor:";

    public static string Of(LongPollEvent e) => e switch
    {
        // A new message deleted for everyone before it was polled comes short: no peer, only its id (minor_id); see Resolve.
        MessageNewEvent { Message: { PeerId: null, MinorId: { } minor } } => ShortNewPrefix + minor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // A new message's flags are its flags when polled (VK's short form carries the later ones): not part of its identity.
        MessageNewEvent m => $"{e.Type}|{m.Message.PeerId}|{m.Message.ConversationMessageId ?? m.Message.MessageId}",
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

    /// <summary>
    /// The delivered keys with each short new message (known by its id alone) replaced by the key of the journal's full form
    /// of that message, so it is compared like any other.
    /// </summary>
    public static List<string> Resolve(IEnumerable<string> delivered, IEnumerable<LongPollEvent> journal)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            if (e is MessageNewEvent { Message.MessageId: { } id })
            {
                byId.TryAdd(ShortNewPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture), Of(e));
            }
        }

        return [.. delivered.Select(key => key.StartsWith(ShortNewPrefix, StringComparison.Ordinal) && byId.TryGetValue(key, out var full) ? full : key)];
    }

    private static string Message(LongPollMessage m) =>
        $"{m.PeerId}|{m.ConversationMessageId ?? m.MessageId}|{(long)m.Flags}";
}
