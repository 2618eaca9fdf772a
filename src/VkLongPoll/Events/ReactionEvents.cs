using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>Reactions on a message changed (code 601, version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Action">Who added or removed a reaction.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="ConversationMessageId">The message.</param>
/// <param name="Reactions">Per reaction: how many, and by whom when VK lists them.</param>
public sealed record ReactionsChangedEvent(int Code, ReactionAction Action, PeerId PeerId, long ConversationMessageId, IReadOnlyList<ReactionCount> Reactions)
    : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<ReactionCount> Reactions { get; init => field = ValueList<ReactionCount>.Of(value); } = ValueList<ReactionCount>.Of(Reactions);

    /// <inheritdoc/>
    public override string Type => "reactions_changed";

    /// <summary>For <see cref="ReactionAction.YouAdded"/>: your reaction.</summary>
    public int? MyReactionId { get; init; }

    /// <summary>The total number of reactions.</summary>
    public int ReactionsCount { get; init; }

    /// <summary>Elements after the last block (for <see cref="ReactionAction.OtherAdded"/>: who reacted with what), as sent.</summary>
    public IReadOnlyList<long> Tail { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Empty;
}

/// <summary>How many reacted with one reaction.</summary>
/// <param name="ReactionId">The reaction.</param>
/// <param name="Count">How many used it.</param>
/// <param name="UserIds">Some of those users (empty when there are many).</param>
public sealed record ReactionCount(int ReactionId, int Count, IReadOnlyList<long> UserIds)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<long> UserIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Of(UserIds);
}

/// <summary>Your messages with unread reactions in a conversation (code 602, version 19).</summary>
/// <param name="Code">The event code.</param>
/// <param name="PeerId">The conversation.</param>
/// <param name="ConversationMessageIds">The messages.</param>
public sealed record UnreadReactionsEvent(int Code, PeerId PeerId, IReadOnlyList<long> ConversationMessageIds) : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<long> ConversationMessageIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Of(ConversationMessageIds);

    /// <inheritdoc/>
    public override string Type => "unread_reactions";
}
