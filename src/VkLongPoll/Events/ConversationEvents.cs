namespace VkLongPoll.Events;

/// <summary>Conversation flags were cleared (code 10).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="Flags">The flags cleared.</param>
public sealed record ConversationFlagsResetEvent(int Code, PeerId PeerId, ConversationFlags Flags) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "conversation_flags_reset";
}

/// <summary>Conversation flags were replaced (code 11, version 3).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="Flags">The new flags.</param>
public sealed record ConversationFlagsReplacedEvent(int Code, PeerId PeerId, ConversationFlags Flags) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "conversation_flags_replaced";
}

/// <summary>Conversation flags were set (code 12).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="Flags">The flags set.</param>
public sealed record ConversationFlagsSetEvent(int Code, PeerId PeerId, ConversationFlags Flags) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "conversation_flags_set";
}

/// <summary>The pin order (major id) of a conversation changed (code 20).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="MajorId">0 when unpinned, else 16, 32, 48, 64 or 80.</param>
public sealed record ConversationMajorIdEvent(int Code, PeerId PeerId, long MajorId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "conversation_major_id";
}

/// <summary>The sort key (minor id) of a conversation changed (code 21).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="MinorId">The new sort key (about the id of its last message).</param>
public sealed record ConversationMinorIdEvent(int Code, PeerId PeerId, long MinorId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "conversation_minor_id";
}

/// <summary>A chat's data changed (code 51, deprecated; always followed by 52).</summary>
/// <param name="Code">The event code.</param>
/// <param name="ChatId">The chat id (not the peer id).</param>
/// <param name="IsSelf">Version 3: the change was made by you.</param>
public sealed record ChatChangedEvent(int Code, long ChatId, bool? IsSelf) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "chat_changed";
}

/// <summary>Something in a chat changed: title, photo, members, admins, pin, rights (code 52).</summary>
/// <param name="Code">The event code.</param>
/// <param name="InfoType">What changed; a number outside <see cref="ChatInfoType"/> is kept as is.</param>
/// <param name="PeerId">The chat.</param>
/// <param name="Info">The extra value; its meaning depends on <paramref name="InfoType"/> (a user id, a mask, a cmid…).</param>
public sealed record ChatInfoEvent(int Code, ChatInfoType InfoType, PeerId PeerId, long Info) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "chat_info";

    /// <summary>The member the change is about, for the types whose extra value is a user id.</summary>
    public long? MemberId => InfoType is ChatInfoType.AdminAppointed or ChatInfoType.UserJoined or ChatInfoType.UserLeft
        or ChatInfoType.UserKicked or ChatInfoType.AdminRemoved
        ? Info
        : null;
}

/// <summary>A chat member's right to write changed (code 91, version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Action">Banned for a while, for ever, or allowed again.</param>
/// <param name="PeerId">The chat.</param>
/// <param name="MemberId">The member.</param>
/// <param name="Seconds">For <see cref="WriteBanAction.BannedForAWhile"/>: how long.</param>
/// <param name="Until">For <see cref="WriteBanAction.BannedForAWhile"/>: unix time the ban ends.</param>
public sealed record ChatMemberWriteBanEvent(int Code, WriteBanAction Action, PeerId PeerId, long MemberId, long? Seconds, long? Until) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "chat_write_ban";
}

/// <summary>Notification settings of a conversation changed (code 114).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="Sound">Sound on (unreliable, says VK's own client).</param>
/// <param name="DisabledUntil">0 = on, -1 = off for ever, otherwise unix time until which they are off.</param>
public sealed record NotificationSettingsEvent(int Code, PeerId PeerId, bool? Sound, long DisabledUntil) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "notification_settings";
}
