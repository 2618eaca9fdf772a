namespace VkLongPoll.Community;

/// <summary>A wall post as <c>wall_post_new</c> and <c>wall_repost</c> carry it (<c>wall_wallpost</c>).</summary>
/// <param name="Id">The post (<c>id</c>); for a suggested or postponed post, its id among those.</param>
/// <param name="OwnerId">The wall (<c>owner_id</c>; the community as a negative id).</param>
/// <param name="FromId">The author (<c>from_id</c>): a user, or the community as a negative id.</param>
/// <param name="Text">The text (<c>text</c>); empty when there is none.</param>
public sealed record CommunityWallPost(long Id, long OwnerId, long FromId, string Text)
{
    /// <summary>Unix time of the post (<c>date</c>).</summary>
    public long? Date { get; init; }

    /// <summary>The kind of post (<c>post_type</c>: <c>post</c>, <c>copy</c>, <c>reply</c>, <c>postpone</c>, <c>suggest</c>).</summary>
    public string? PostType { get; init; }

    /// <summary>The administrator who posted it for the community (<c>created_by</c>).</summary>
    public long? CreatedBy { get; init; }

    /// <summary>The author shown under a community's post (<c>signer_id</c>).</summary>
    public long? SignerId { get; init; }

    /// <summary>The id the post had while postponed (<c>postponed_id</c>).</summary>
    public long? PostponedId { get; init; }

    /// <summary>For a repost: the owner of the post reposted (<c>copy_history[0].owner_id</c>).</summary>
    public long? CopyOwnerId { get; init; }

    /// <summary>For a repost: the post reposted (<c>copy_history[0].id</c>).</summary>
    public long? CopyPostId { get; init; }
}

/// <summary><c>wall_post_new</c>: a post on the community's wall (also a suggested or postponed one, by <see cref="CommunityWallPost.PostType"/>).</summary>
/// <param name="Post">The post.</param>
public sealed record CommunityWallPostNew(CommunityWallPost Post) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_post_new";
}

/// <summary><c>wall_repost</c>: a post of the community was reposted.</summary>
/// <param name="Post">The repost: <see cref="CommunityWallPost.CopyOwnerId"/> and <see cref="CommunityWallPost.CopyPostId"/> name the original.</param>
public sealed record CommunityWallRepost(CommunityWallPost Post) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_repost";
}

/// <summary><c>wall_reply_new</c>: a comment on a wall post.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="PostId">The post (<c>post_id</c>).</param>
/// <param name="PostOwnerId">The post's wall (<c>post_owner_id</c>).</param>
public sealed record CommunityWallReplyNew(CommunityComment Comment, long PostId, long PostOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_reply_new";
}

/// <summary><c>wall_reply_edit</c>: a comment on a wall post was edited.</summary>
/// <param name="Comment">The comment as it is now.</param>
/// <param name="PostId">The post (<c>post_id</c>).</param>
/// <param name="PostOwnerId">The post's wall (<c>post_owner_id</c>).</param>
public sealed record CommunityWallReplyEdit(CommunityComment Comment, long PostId, long PostOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_reply_edit";
}

/// <summary><c>wall_reply_restore</c>: a deleted comment on a wall post was restored.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="PostId">The post (<c>post_id</c>).</param>
/// <param name="PostOwnerId">The post's wall (<c>post_owner_id</c>).</param>
public sealed record CommunityWallReplyRestore(CommunityComment Comment, long PostId, long PostOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_reply_restore";
}

/// <summary><c>wall_reply_delete</c>: a comment on a wall post was deleted.</summary>
/// <param name="CommentId">The comment (<c>id</c>).</param>
/// <param name="OwnerId">The post's wall (<c>owner_id</c>).</param>
/// <param name="PostId">The post (<c>post_id</c>).</param>
public sealed record CommunityWallReplyDelete(long CommentId, long OwnerId, long PostId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "wall_reply_delete";

    /// <summary>Who deleted it (<c>deleter_id</c>), when sent.</summary>
    public long? DeleterId { get; init; }

    /// <summary><c>user_id</c>, when sent (the schema names it; VK's docs give <c>deleter_id</c>).</summary>
    public long? UserId { get; init; }
}
