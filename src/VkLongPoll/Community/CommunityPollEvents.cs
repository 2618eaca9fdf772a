namespace VkLongPoll.Community;

/// <summary><c>poll_vote_new</c>: a vote in a public poll of the community.</summary>
/// <remarks>A vote for several options arrives as one event per option.</remarks>
/// <param name="OwnerId">The poll's owner (<c>owner_id</c>).</param>
/// <param name="PollId">The poll (<c>poll_id</c>).</param>
/// <param name="OptionId">The option voted for (<c>option_id</c>).</param>
/// <param name="UserId">The voter (<c>user_id</c>).</param>
public sealed record CommunityPollVoteNew(long OwnerId, long PollId, long OptionId, long UserId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "poll_vote_new";
}
