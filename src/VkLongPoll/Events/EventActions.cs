namespace VkLongPoll.Events;

/// <summary>What changed in your friends list (<see cref="FriendsChangedEvent.Action"/>, VK's numbers).</summary>
public enum FriendsChangeAction
{
    /// <summary>You accepted a friend request.</summary>
    RequestAccepted = 2,

    /// <summary>You removed a friend or declined a request.</summary>
    RemovedOrDeclined = 3,
}

/// <summary>What happened to a member's right to write (<see cref="ChatMemberWriteBanEvent.Action"/>, VK's numbers).</summary>
public enum WriteBanAction
{
    /// <summary>Banned from writing for a while (<see cref="ChatMemberWriteBanEvent.Seconds"/>, <see cref="ChatMemberWriteBanEvent.Until"/>).</summary>
    BannedForAWhile = 1,

    /// <summary>Banned from writing for ever.</summary>
    BannedForever = 2,

    /// <summary>Allowed to write again.</summary>
    Allowed = 3,
}

/// <summary>Who added or removed a reaction (<see cref="ReactionsChangedEvent.Action"/>, VK's numbers).</summary>
public enum ReactionAction
{
    /// <summary>You reacted.</summary>
    YouAdded = 1,

    /// <summary>Someone else reacted.</summary>
    OtherAdded = 2,

    /// <summary>You removed your reaction.</summary>
    YouRemoved = 3,

    /// <summary>Someone else removed theirs.</summary>
    OtherRemoved = 4,
}
