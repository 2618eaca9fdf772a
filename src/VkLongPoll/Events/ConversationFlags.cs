namespace VkLongPoll.Events;

/// <summary>Conversation (dialog) flags of events 10, 11 and 12.</summary>
/// <remarks>
/// Version 3 defined only <see cref="Important"/> and <see cref="Unanswered"/>, for community
/// dialogs; versions 10 and later use the other bits. Unknown bits are kept in the value.
/// </remarks>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "VK's own name for this field.")]
public enum ConversationFlags : long
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Version 3: an important community dialog.</summary>
    Important = 1 << 0,

    /// <summary>Version 3: an unanswered community dialog.</summary>
    Unanswered = 1 << 1,

    /// <summary>Push notifications are off.</summary>
    Muted = 1 << 4,

    /// <summary>Sound of notifications is off.</summary>
    SoundOff = 1 << 5,

    /// <summary>An incoming message or join request.</summary>
    MessageRequest = 1 << 8,

    /// <summary>The request was declined.</summary>
    RequestDeclined = 1 << 9,

    /// <summary>The conversation has a mention of you.</summary>
    HasMention = 1 << 10,

    /// <summary>Hidden from search.</summary>
    HiddenFromSearch = 1 << 11,

    /// <summary>Internal.</summary>
    Internal = 1 << 12,

    /// <summary>Business notifications.</summary>
    BusinessNotifications = 1 << 13,

    /// <summary>Has a marked message (a mention or a disappearing message).</summary>
    HasMarkedMessage = 1 << 14,

    /// <summary>Never drops out of the list (its minor id is kept).</summary>
    Phantom = 1 << 16,

    /// <summary>No pushes for @all and @online.</summary>
    NoMassMentionPushes = 1 << 18,

    /// <summary>No pushes for any mention.</summary>
    NoMentionPushes = 1 << 19,

    /// <summary>Marked as unread.</summary>
    MarkedUnread = 1 << 20,

    /// <summary>The conversation is a message request (internal).</summary>
    IsMessageRequest = 1 << 22,

    /// <summary>Archived.</summary>
    Archived = 1 << 23,

    /// <summary>A call is in progress.</summary>
    CallInProgress = 1 << 24,

    /// <summary>The conversation is a chat (removed when an old-style channel is created).</summary>
    IsChat = 1 << 26,
}
