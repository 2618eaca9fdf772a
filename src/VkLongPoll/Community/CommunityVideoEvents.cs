namespace VkLongPoll.Community;

/// <summary><c>video_new</c>: a video was added to the community.</summary>
/// <param name="VideoId">The video (<c>id</c>).</param>
/// <param name="OwnerId">Its owner (<c>owner_id</c>).</param>
public sealed record CommunityVideoNew(long VideoId, long OwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "video_new";

    /// <summary>The title (<c>title</c>).</summary>
    public string? Title { get; init; }

    /// <summary>The description (<c>description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>The length in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <summary>Unix time it was added (<c>date</c>).</summary>
    public long? Date { get; init; }
}

/// <summary><c>video_comment_new</c>: a comment on a video.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="VideoId">The video (<c>video_id</c>).</param>
/// <param name="VideoOwnerId">The video's owner (<c>video_owner_id</c>).</param>
public sealed record CommunityVideoCommentNew(CommunityComment Comment, long VideoId, long VideoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "video_comment_new";
}

/// <summary><c>video_comment_edit</c>: a comment on a video was edited.</summary>
/// <param name="Comment">The comment as it is now.</param>
/// <param name="VideoId">The video (<c>video_id</c>).</param>
/// <param name="VideoOwnerId">The video's owner (<c>video_owner_id</c>).</param>
public sealed record CommunityVideoCommentEdit(CommunityComment Comment, long VideoId, long VideoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "video_comment_edit";
}

/// <summary><c>video_comment_restore</c>: a deleted comment on a video was restored.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="VideoId">The video (<c>video_id</c>).</param>
/// <param name="VideoOwnerId">The video's owner (<c>video_owner_id</c>).</param>
public sealed record CommunityVideoCommentRestore(CommunityComment Comment, long VideoId, long VideoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "video_comment_restore";
}

/// <summary><c>video_comment_delete</c>: a comment on a video was deleted.</summary>
/// <param name="CommentId">The comment (<c>id</c>).</param>
/// <param name="OwnerId">The video's owner (<c>owner_id</c>).</param>
/// <param name="VideoId">The video (<c>video_id</c>).</param>
public sealed record CommunityVideoCommentDelete(long CommentId, long OwnerId, long VideoId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "video_comment_delete";

    /// <summary><c>user_id</c>, when sent: VK's docs call it the user who deleted the comment.</summary>
    public long? UserId { get; init; }

    /// <summary>Who deleted it (<c>deleter_id</c>), when sent.</summary>
    public long? DeleterId { get; init; }
}
