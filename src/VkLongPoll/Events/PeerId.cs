using System.Globalization;

namespace VkLongPoll.Events;

/// <summary>What a <see cref="PeerId"/> points at.</summary>
public enum PeerKind
{
    /// <summary>A private dialog with a user; the value is the user id.</summary>
    User,

    /// <summary>A group chat; the value is 2000000000 + chat id.</summary>
    Chat,

    /// <summary>A community; the value is minus the community id.</summary>
    Community,
}

/// <summary>The id of a conversation (peer) as VK writes it: user, group chat or community.</summary>
/// <remarks>
/// Users are positive, group chats are <c>2000000000 + chat_id</c>, communities are
/// <c>-group_id</c>. Long Poll version 0 wrote communities as <c>1000000000 + group_id</c>;
/// <see cref="FromWire"/> folds that form into the modern one.
/// </remarks>
/// <param name="Value">The peer id as VK's API uses it.</param>
public readonly record struct PeerId(long Value)
{
    /// <summary>The offset VK adds to a chat id to make a peer id.</summary>
    public const long ChatOffset = 2_000_000_000;

    /// <summary>The offset Long Poll version 0 added to a community id.</summary>
    public const long LegacyCommunityOffset = 1_000_000_000;

    /// <summary>What this peer points at.</summary>
    public PeerKind Kind => Value switch
    {
        > ChatOffset => PeerKind.Chat,
        < 0 => PeerKind.Community,
        _ => PeerKind.User,
    };

    /// <summary>True for a group chat.</summary>
    public bool IsChat => Kind == PeerKind.Chat;

    /// <summary>True for a private dialog with a user.</summary>
    public bool IsUser => Kind == PeerKind.User;

    /// <summary>True for a community dialog.</summary>
    public bool IsCommunity => Kind == PeerKind.Community;

    /// <summary>The chat id (peer id minus 2000000000), or null when this is not a chat.</summary>
    public long? ChatId => IsChat ? Value - ChatOffset : null;

    /// <summary>The user id, or null when this is not a user.</summary>
    public long? UserId => IsUser ? Value : null;

    /// <summary>The community id (positive), or null when this is not a community.</summary>
    public long? CommunityId => IsCommunity ? -Value : null;

    /// <summary>The peer id of a group chat.</summary>
    public static PeerId FromChatId(long chatId) => new(ChatOffset + chatId);

    /// <summary>The peer id of a community, from its positive id.</summary>
    public static PeerId FromCommunityId(long communityId) => new(-Math.Abs(communityId));

    /// <summary>Reads a peer id as it came in a Long Poll update of <paramref name="version"/>.</summary>
    /// <remarks>Only version 0 used <c>1000000000 + group_id</c> for communities.</remarks>
    public static PeerId FromWire(long value, int version) =>
        version == 0 && value > LegacyCommunityOffset && value < ChatOffset
            ? new PeerId(-(value - LegacyCommunityOffset))
            : new PeerId(value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
