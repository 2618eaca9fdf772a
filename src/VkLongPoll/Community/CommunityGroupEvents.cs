namespace VkLongPoll.Community;

/// <summary><c>group_join</c>: a user joined the community (or asked to).</summary>
/// <param name="UserId">The user (<c>user_id</c>).</param>
/// <param name="JoinType">How (<c>join_type</c>: <c>join</c>, <c>unsure</c>, <c>accepted</c>, <c>approved</c>, <c>request</c>).</param>
public sealed record CommunityGroupJoin(long UserId, string JoinType) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "group_join";
}

/// <summary><c>group_leave</c>: a user left the community or was removed.</summary>
/// <param name="UserId">The user (<c>user_id</c>).</param>
/// <param name="IsSelf">True when they left themselves, false when removed (<c>self</c>).</param>
public sealed record CommunityGroupLeave(long UserId, bool IsSelf) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "group_leave";
}

/// <summary><c>user_block</c>: a user was added to the community's blacklist.</summary>
/// <param name="AdminId">The administrator who did it (<c>admin_id</c>).</param>
/// <param name="UserId">The user blocked (<c>user_id</c>).</param>
public sealed record CommunityUserBlock(long AdminId, long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "user_block";

    /// <summary>Unix time the block ends (<c>unblock_date</c>); 0 or null: for ever.</summary>
    public long? UnblockDate { get; init; }

    /// <summary>The reason (<c>reason</c>: 0 other, 1 spam, 2 insulting members, 3 obscene language, 4 off-topic).</summary>
    public int? Reason { get; init; }

    /// <summary>The administrator's comment (<c>comment</c>).</summary>
    public string? Comment { get; init; }
}

/// <summary><c>user_unblock</c>: a user was removed from the community's blacklist.</summary>
/// <param name="AdminId">The administrator who did it (<c>admin_id</c>).</param>
/// <param name="UserId">The user unblocked (<c>user_id</c>).</param>
/// <param name="ByEndDate">True when the block simply ran out (<c>by_end_date</c>).</param>
public sealed record CommunityUserUnblock(long AdminId, long UserId, bool ByEndDate) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "user_unblock";
}

/// <summary><c>group_officers_edit</c>: a manager's role in the community changed.</summary>
/// <param name="AdminId">Who changed it (<c>admin_id</c>).</param>
/// <param name="UserId">Whose role changed (<c>user_id</c>).</param>
/// <param name="LevelOld">The role before (<c>level_old</c>: 0 none, 1 moderator, 2 editor, 3 administrator).</param>
/// <param name="LevelNew">The role now (<c>level_new</c>).</param>
public sealed record CommunityGroupOfficersEdit(long AdminId, long UserId, int LevelOld, int LevelNew) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "group_officers_edit";
}

/// <summary>One setting changed by <c>group_change_settings</c>: its value before and after, as text (a number as its digits).</summary>
/// <param name="OldValue">The value before (<c>old_value</c>).</param>
/// <param name="NewValue">The value now (<c>new_value</c>).</param>
public sealed record CommunitySettingChange(string? OldValue, string? NewValue);

/// <summary><c>group_change_settings</c>: the community's settings were changed.</summary>
/// <param name="UserId">Who changed them (<c>user_id</c>).</param>
public sealed record CommunityGroupChangeSettings(long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "group_change_settings";

    /// <summary>The settings changed, by VK's name (<c>changes</c>: <c>title</c>, <c>description</c>, <c>access</c>, <c>screen_name</c>…).</summary>
    public IReadOnlyDictionary<string, CommunitySettingChange> Changes { get; init; } = new Dictionary<string, CommunitySettingChange>();
}

/// <summary><c>group_change_photo</c>: the community's main photo was changed.</summary>
/// <param name="UserId">Who changed it (<c>user_id</c>).</param>
public sealed record CommunityGroupChangePhoto(long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "group_change_photo";

    /// <summary>The new photo (<c>photo.id</c>).</summary>
    public long? PhotoId { get; init; }

    /// <summary>The new photo's owner (<c>photo.owner_id</c>).</summary>
    public long? PhotoOwnerId { get; init; }
}
