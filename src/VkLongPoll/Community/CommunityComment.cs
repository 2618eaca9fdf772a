namespace VkLongPoll.Community;

/// <summary>A comment as comment events carry it (<c>wall_comment</c> on photos, videos, posts, topics and products).</summary>
/// <param name="Id">The comment's id (<c>id</c>).</param>
/// <param name="FromId">The author (<c>from_id</c>): a user, or a community as a negative id.</param>
/// <param name="Text">The text (<c>text</c>); empty when there is none.</param>
public sealed record CommunityComment(long Id, long FromId, string Text)
{
    /// <summary>Unix time (seconds) the comment was written (<c>date</c>).</summary>
    public long? Date { get; init; }

    /// <summary>The user the comment answers (<c>reply_to_user</c>).</summary>
    public long? ReplyToUserId { get; init; }

    /// <summary>The comment this one answers (<c>reply_to_comment</c>).</summary>
    public long? ReplyToCommentId { get; init; }
}
