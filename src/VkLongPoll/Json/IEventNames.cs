namespace VkLongPoll;

/// <summary>Names an <see cref="EventJsonWriter"/> writes beside the ids they belong to, when known.</summary>
/// <remarks>Return null for what is not known (yet): the field is then left out, the id is always there.</remarks>
public interface IEventNames
{
    /// <summary>A user's (or a community's) name, for <c>from_name</c>, <c>user_name</c> and <c>peer_name</c>.</summary>
    string? UserName(long userId);

    /// <summary>A group chat's title, for <c>chat_title</c>.</summary>
    string? ChatTitle(long peerId);
}
