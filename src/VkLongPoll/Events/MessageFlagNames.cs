namespace VkLongPoll.Events;

/// <summary>The snake_case names of the message flags a protocol version defines.</summary>
internal static class MessageFlagNames
{
    private static readonly (MessageFlags Flag, string Name)[] Version3 =
    [
        (MessageFlags.Unread, "unread"),
        (MessageFlags.Outbox, "outbox"),
        (MessageFlags.Replied, "replied"),
        (MessageFlags.Important, "important"),
        (MessageFlags.Chat, "chat"),
        (MessageFlags.Friends, "friends"),
        (MessageFlags.Spam, "spam"),
        (MessageFlags.Deleted, "deleted"),
        (MessageFlags.Fixed, "fixed"),
        (MessageFlags.Media, "media"),
        (MessageFlags.Hidden, "hidden"),
        (MessageFlags.DeletedForAll, "deleted_for_all"),
        (MessageFlags.NotDelivered, "not_delivered"),
    ];

    private static readonly (MessageFlags Flag, string Name)[] Version10 =
    [
        (MessageFlags.Unread, "unread"),
        (MessageFlags.Outbox, "outbox"),
        (MessageFlags.Important, "important"),
        (MessageFlags.Chat, "chat"),
        (MessageFlags.Friends, "friends"),
        (MessageFlags.Spam, "spam"),
        (MessageFlags.Deleted, "deleted"),
        (MessageFlags.AudioListened, "audio_listened"),
        (MessageFlags.GroupChat, "group_chat"),
        (MessageFlags.CancelSpam, "cancel_spam"),
        (MessageFlags.Hidden, "keep_minor_id"), // "don't update minor_id": the chat is not raised in the list
        (MessageFlags.DeletedForAll, "deleted_for_all"),
        // 262144 and 524288 are VK's internal bits in versions 10+ (danyadev/longpoll-doc): kept in the value, not named.
        (MessageFlags.Silent, "silent"),
        (MessageFlags.Reply, "reply"),
        (MessageFlags.ExpiresWithTtl, "expires_with_ttl"),
        (MessageFlags.AutoRead, "auto_read"),
        (MessageFlags.HasReactions, "has_reactions"),
        (MessageFlags.HasTtl, "has_ttl"),
    ];

    /// <summary>Names of the bits of <paramref name="flags"/> that <paramref name="version"/> defines, lowest bit first.</summary>
    /// <remarks>Bits the version does not define are left out; they stay in the numeric value.</remarks>
    public static IReadOnlyList<string> For(MessageFlags flags, int version)
    {
        var table = version < 10 ? Version3 : Version10;
        var names = new List<string>(4);
        foreach (var (flag, name) in table)
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
