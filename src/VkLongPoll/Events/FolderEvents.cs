using VkLongPoll.Internal;

namespace VkLongPoll.Events;

/// <summary>A conversation folder was created (code 501).</summary>
/// <param name="Code">The event code.</param>
/// <param name="FolderId">The folder.</param>
/// <param name="Name">Its name.</param>
/// <param name="RandomId">The creator's random id.</param>
public sealed record FolderCreatedEvent(int Code, long FolderId, string? Name, long? RandomId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "folder_created";
}

/// <summary>A conversation folder was deleted (code 502).</summary>
/// <param name="Code">The event code.</param>
/// <param name="FolderId">The folder.</param>
public sealed record FolderDeletedEvent(int Code, long FolderId) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "folder_deleted";
}

/// <summary>A conversation folder was renamed (code 503).</summary>
/// <param name="Code">The event code.</param>
/// <param name="FolderId">The folder.</param>
/// <param name="Name">The new name.</param>
public sealed record FolderRenamedEvent(int Code, long FolderId, string? Name) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "folder_renamed";
}

/// <summary>Conversations were added to (504) or removed from (505) a folder.</summary>
/// <param name="Code">The event code.</param>
/// <param name="FolderId">The folder.</param>
/// <param name="PeerIds">The conversations.</param>
public sealed record FolderPeersChangedEvent(int Code, long FolderId, IReadOnlyList<PeerId> PeerIds) : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<PeerId> PeerIds { get; init => field = ValueList<PeerId>.Of(value); } = ValueList<PeerId>.Of(PeerIds);

    /// <inheritdoc/>
    public override string Type => Code == 505 ? "folder_peers_removed" : "folder_peers_added";

    /// <summary>True for 504 (added), false for 505 (removed).</summary>
    public bool Added => Code != 505;
}

/// <summary>The order of folders changed (code 506).</summary>
/// <param name="Code">The event code.</param>
/// <param name="FolderIds">The folders in their new order.</param>
public sealed record FolderOrderEvent(int Code, IReadOnlyList<long> FolderIds) : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<long> FolderIds { get; init => field = ValueList<long>.Of(value); } = ValueList<long>.Of(FolderIds);

    /// <inheritdoc/>
    public override string Type => "folders_reordered";
}

/// <summary>Unread counters of folders changed (code 507).</summary>
/// <param name="Code">The event code.</param>
/// <param name="Counters">One entry per folder.</param>
public sealed record FolderUnreadCountersEvent(int Code, IReadOnlyList<FolderUnreadCounter> Counters) : LongPollEvent(Code)
{
    /// <summary>The list as given, compared by content.</summary>
    public IReadOnlyList<FolderUnreadCounter> Counters { get; init => field = ValueList<FolderUnreadCounter>.Of(value); } = ValueList<FolderUnreadCounter>.Of(Counters);

    /// <inheritdoc/>
    public override string Type => "folder_unread_counters";
}

/// <summary>The unread counters of one folder.</summary>
/// <param name="FolderId">The folder.</param>
/// <param name="Unread">Unread conversations.</param>
/// <param name="UnreadUnmuted">Unread conversations with notifications on.</param>
public sealed record FolderUnreadCounter(long FolderId, int Unread, int UnreadUnmuted);
