namespace VkLongPoll.Events;

/// <summary>A friend came online (code 8; not sent in version 11 and later, still in version 3).</summary>
/// <param name="Code">The event code.</param>
/// <param name="UserId">The friend (VK sends it negated; this is the positive id).</param>
/// <param name="Platform">The device (needs mode 64 in version 3).</param>
/// <param name="Timestamp">Unix time of the change.</param>
public sealed record FriendOnlineEvent(int Code, long UserId, Platform Platform, long? Timestamp) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "friend_online";

    /// <summary>The platform number as sent, for values <see cref="Events.Platform"/> does not name.</summary>
    public int PlatformId { get; init; }

    /// <summary>Version 10+: the app the friend uses.</summary>
    public long? AppId { get; init; }

    /// <summary>Version 10+: the friend is on a mobile device.</summary>
    public bool? IsMobile { get; init; }

    /// <summary>Version 10+: the friend has invisible mode available.</summary>
    public bool? HasInvisibleMode { get; init; }

    /// <summary>True when <see cref="FriendPresenceWatcher"/> saw it by asking the API (Long Poll 11+ no longer sends it), not from Long Poll.</summary>
    public bool IsPolled { get; init; }
}

/// <summary>A friend went offline (code 9; not sent in version 11 and later, still in version 3).</summary>
/// <param name="Code">The event code.</param>
/// <param name="UserId">The friend (positive id).</param>
/// <param name="IsTimeout">True when the friend went away by timeout, false when they left the site.</param>
/// <param name="Timestamp">Unix time of the change.</param>
public sealed record FriendOfflineEvent(int Code, long UserId, bool IsTimeout, long? Timestamp) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "friend_offline";

    /// <summary>Version 10+: the app the friend used.</summary>
    public long? AppId { get; init; }

    /// <summary>Version 10+: the friend was on a mobile device.</summary>
    public bool? IsMobile { get; init; }

    /// <summary>Version 10+: the friend has invisible mode available.</summary>
    public bool? HasInvisibleMode { get; init; }

    /// <summary>True when <see cref="FriendPresenceWatcher"/> saw it by asking the API, not from Long Poll.</summary>
    public bool IsPolled { get; init; }
}

/// <summary>A friend turned invisibility on or off (code 81).</summary>
/// <param name="Code">The event code.</param>
/// <param name="UserId">The friend (positive id).</param>
/// <param name="IsInvisible">True when invisibility is now on (possibly for some people only).</param>
/// <param name="LastSeen">Unix time the friend was last seen.</param>
/// <param name="AppId">The app used to change it (0 for VK Me).</param>
public sealed record FriendInvisibilityEvent(int Code, long UserId, bool IsInvisible, long? LastSeen, long? AppId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "friend_invisibility";
}

/// <summary>Your friends list changed by your own action (code 90).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Action">What you did; VK may add values (an unknown one is kept as its number).</param>
/// <param name="UserId">The other user.</param>
public sealed record FriendsChangedEvent(int Code, FriendsChangeAction Action, long UserId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "friends_changed";
}
