namespace VkLongPoll.Events;

/// <summary>Message flags of events 1–5 and 18 (10002–10018 in version 19).</summary>
/// <remarks>
/// One enum serves every version; a few bits mean different things in version 3 and in
/// versions 10 and later (see each member). <see cref="MessageFlagNames"/> names only the bits a
/// given version defines. Unknown bits are kept in the value.
/// </remarks>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "VK's own name for this field.")]
public enum MessageFlags : long
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The message is unread.</summary>
    Unread = 1 << 0,

    /// <summary>The message is outgoing.</summary>
    Outbox = 1 << 1,

    /// <summary>Version 3 only: the message was answered.</summary>
    Replied = 1 << 2,

    /// <summary>The message is marked important.</summary>
    Important = 1 << 3,

    /// <summary>Version 3: sent via a chat; version 10+: deprecated "chat sent from vk.com".</summary>
    Chat = 1 << 4,

    /// <summary>Sent by a friend (deprecated in version 19).</summary>
    Friends = 1 << 5,

    /// <summary>The message is marked as spam.</summary>
    Spam = 1 << 6,

    /// <summary>The message is deleted (locally, for you).</summary>
    Deleted = 1 << 7,

    /// <summary>Version 3 only: checked by the user for spam.</summary>
    Fixed = 1 << 8,

    /// <summary>Version 3 only: the message contains media.</summary>
    Media = 1 << 9,

    /// <summary>Version 10+: the voice message was listened to.</summary>
    AudioListened = 1 << 12,

    /// <summary>Version 10+: the message is in a group chat.</summary>
    GroupChat = 1 << 13,

    /// <summary>Version 10+: moved out of spam (comes with <see cref="Spam"/> in a reset).</summary>
    CancelSpam = 1 << 15,

    /// <summary>Version 3: a community greeting; version 10+: "don't update minor_id" — the chat is not raised in the list (named <c>keep_minor_id</c> there).</summary>
    Hidden = 1 << 16,

    /// <summary>The message is deleted for everyone.</summary>
    DeletedForAll = 1 << 17,

    /// <summary>Version 3: not delivered; versions 10+: one of VK's internal bits (not named in those versions).</summary>
    NotDelivered = 1 << 18,

    /// <summary>Versions 10+: one of VK's internal bits (not named).</summary>
    ChatIn = 1 << 19,

    /// <summary>Version 10+: sent without a push notification.</summary>
    Silent = 1 << 20,

    /// <summary>Version 10+: the message is a reply.</summary>
    Reply = 1 << 21,

    /// <summary>Version 19: deleted when its time to live ends.</summary>
    ExpiresWithTtl = 1 << 22,

    /// <summary>Version 10+: arrives already read when there was nothing unread.</summary>
    AutoRead = 1 << 23,

    /// <summary>Version 19: the message has reactions.</summary>
    HasReactions = 1 << 24,

    /// <summary>Version 10+: has a time to live (internal; business notifications).</summary>
    HasTtl = 1 << 26,
}
