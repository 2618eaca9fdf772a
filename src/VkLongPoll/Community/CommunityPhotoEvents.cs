namespace VkLongPoll.Community;

/// <summary><c>photo_new</c>: a photo was added to the community.</summary>
/// <param name="PhotoId">The photo (<c>id</c>).</param>
/// <param name="OwnerId">Its owner (<c>owner_id</c>; the community as a negative id).</param>
public sealed record CommunityPhotoNew(long PhotoId, long OwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "photo_new";

    /// <summary>The album (<c>album_id</c>).</summary>
    public long? AlbumId { get; init; }

    /// <summary>The user who uploaded it (<c>user_id</c>).</summary>
    public long? UserId { get; init; }

    /// <summary>The description (<c>text</c>).</summary>
    public string? Text { get; init; }

    /// <summary>Unix time it was added (<c>date</c>).</summary>
    public long? Date { get; init; }
}

/// <summary><c>photo_comment_new</c>: a comment on a photo.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="PhotoId">The photo (<c>photo_id</c>).</param>
/// <param name="PhotoOwnerId">The photo's owner (<c>photo_owner_id</c>).</param>
public sealed record CommunityPhotoCommentNew(CommunityComment Comment, long PhotoId, long PhotoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "photo_comment_new";
}

/// <summary><c>photo_comment_edit</c>: a comment on a photo was edited.</summary>
/// <param name="Comment">The comment as it is now.</param>
/// <param name="PhotoId">The photo (<c>photo_id</c>).</param>
/// <param name="PhotoOwnerId">The photo's owner (<c>photo_owner_id</c>).</param>
public sealed record CommunityPhotoCommentEdit(CommunityComment Comment, long PhotoId, long PhotoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "photo_comment_edit";
}

/// <summary><c>photo_comment_restore</c>: a deleted comment on a photo was restored.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="PhotoId">The photo (<c>photo_id</c>).</param>
/// <param name="PhotoOwnerId">The photo's owner (<c>photo_owner_id</c>).</param>
public sealed record CommunityPhotoCommentRestore(CommunityComment Comment, long PhotoId, long PhotoOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "photo_comment_restore";
}

/// <summary><c>photo_comment_delete</c>: a comment on a photo was deleted.</summary>
/// <param name="CommentId">The comment (<c>id</c>).</param>
/// <param name="OwnerId">The photo's owner (<c>owner_id</c>).</param>
/// <param name="PhotoId">The photo (<c>photo_id</c>).</param>
public sealed record CommunityPhotoCommentDelete(long CommentId, long OwnerId, long PhotoId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "photo_comment_delete";

    /// <summary><c>user_id</c>, when sent: VK's docs call it the user who deleted the comment.</summary>
    public long? UserId { get; init; }

    /// <summary>Who deleted it (<c>deleter_id</c>), when sent.</summary>
    public long? DeleterId { get; init; }
}
