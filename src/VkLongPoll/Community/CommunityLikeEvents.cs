namespace VkLongPoll.Community;

/// <summary><c>like_add</c>: someone liked an object of the community.</summary>
/// <param name="LikerId">Who liked it (<c>liker_id</c>).</param>
/// <param name="ObjectType">What was liked (<c>object_type</c>: <c>post</c>, <c>photo</c>, <c>video</c>, <c>comment</c>, <c>market</c>…).</param>
/// <param name="ObjectOwnerId">The object's owner (<c>object_owner_id</c>).</param>
/// <param name="ObjectId">The object (<c>object_id</c>).</param>
public sealed record CommunityLikeAdd(long LikerId, string ObjectType, long ObjectOwnerId, long ObjectId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "like_add";

    /// <summary>For a comment: the post it is under (<c>post_id</c>).</summary>
    public long? PostId { get; init; }

    /// <summary>For a reply in a thread: the reply (<c>thread_reply_id</c>).</summary>
    public long? ThreadReplyId { get; init; }
}

/// <summary><c>like_remove</c>: someone took back a like.</summary>
/// <param name="LikerId">Who had liked it (<c>liker_id</c>).</param>
/// <param name="ObjectType">What had been liked (<c>object_type</c>).</param>
/// <param name="ObjectOwnerId">The object's owner (<c>object_owner_id</c>).</param>
/// <param name="ObjectId">The object (<c>object_id</c>).</param>
public sealed record CommunityLikeRemove(long LikerId, string ObjectType, long ObjectOwnerId, long ObjectId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "like_remove";

    /// <summary>For a comment: the post it is under (<c>post_id</c>).</summary>
    public long? PostId { get; init; }

    /// <summary>For a reply in a thread: the reply (<c>thread_reply_id</c>).</summary>
    public long? ThreadReplyId { get; init; }
}
