using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>The <c>--only</c> groups an event belongs to, for the feed and <c>--json</c> alike.</summary>
internal static class FeedGroups
{
    /// <summary>messages, typing, online, chats, reads, counters, or other.</summary>
    public static string Of(LongPollEvent e) => e switch
    {
        MessageNewEvent { Message.Action: not null } or ChatInfoEvent or ChatChangedEvent => "chats",
        MessageNewEvent or MessageEditEvent or MessageUpdatedEvent or MessageFlagsSetEvent or MessageFlagsResetEvent or MessagesDeletedEvent => "messages",
        ActivityEvent => "typing",
        FriendOnlineEvent or FriendOfflineEvent or FriendInvisibilityEvent => "online",
        MessagesReadInboxEvent or MessagesReadOutboxEvent => "reads",
        UnreadCounterEvent => "counters",
        _ => "other",
    };

    /// <summary>Whether <paramref name="e"/> is shown under <paramref name="only"/> (everything when null).</summary>
    public static bool Wanted(IReadOnlySet<string>? only, LongPollEvent e) => only is null || only.Contains(Of(e));
}
