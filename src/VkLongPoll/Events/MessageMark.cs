using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>One entry of <c>marked_users</c>: a mention or a disappearing-message mark.</summary>
/// <param name="Type">1 = mention (a reply counts as a mention of the replied author); 2 = disappearing message.</param>
/// <param name="Target"><c>null</c> for listed users, <c>"all"</c> for @all, <c>"online"</c> for @online.</param>
/// <param name="UserIds">The users marked (empty for <c>"all"</c>).</param>
public sealed record MessageMark(int Type, string? Target, IReadOnlyList<long> UserIds)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<long> UserIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Of(UserIds);
}
