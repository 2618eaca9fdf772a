namespace VkLongPoll.Community;

/// <summary><c>board_post_new</c>: a comment in a discussion topic of the community.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="TopicId">The topic (<c>topic_id</c>).</param>
/// <param name="TopicOwnerId">The topic's owner (<c>topic_owner_id</c>; the community as a negative id).</param>
public sealed record CommunityBoardPostNew(CommunityComment Comment, long TopicId, long TopicOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "board_post_new";
}

/// <summary><c>board_post_edit</c>: a comment in a discussion topic was edited.</summary>
/// <param name="Comment">The comment as it is now.</param>
/// <param name="TopicId">The topic (<c>topic_id</c>).</param>
/// <param name="TopicOwnerId">The topic's owner (<c>topic_owner_id</c>).</param>
public sealed record CommunityBoardPostEdit(CommunityComment Comment, long TopicId, long TopicOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "board_post_edit";
}

/// <summary><c>board_post_restore</c>: a deleted comment in a discussion topic was restored.</summary>
/// <param name="Comment">The comment.</param>
/// <param name="TopicId">The topic (<c>topic_id</c>).</param>
/// <param name="TopicOwnerId">The topic's owner (<c>topic_owner_id</c>).</param>
public sealed record CommunityBoardPostRestore(CommunityComment Comment, long TopicId, long TopicOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "board_post_restore";
}

/// <summary><c>board_post_delete</c>: a comment in a discussion topic was deleted.</summary>
/// <param name="CommentId">The comment (<c>id</c>).</param>
/// <param name="TopicId">The topic (<c>topic_id</c>).</param>
/// <param name="TopicOwnerId">The topic's owner (<c>topic_owner_id</c>).</param>
public sealed record CommunityBoardPostDelete(long CommentId, long TopicId, long TopicOwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "board_post_delete";
}
