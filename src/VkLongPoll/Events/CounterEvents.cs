namespace VkLongPoll.Events;

/// <summary>The unread counter changed (code 80).</summary>
/// <remarks>Version 3 sends only <see cref="Count"/>; version 10+ sends up to nine counters.</remarks>
/// <param name="Code">The event code.</param>
/// <param name="Count">Unread conversations (archive excluded).</param>
public sealed record UnreadCounterEvent(int Code, int Count) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "unread_counter";

    /// <summary>Unread conversations with notifications on.</summary>
    public int? UnreadUnmuted { get; init; }

    /// <summary>Whether only unmuted conversations are counted.</summary>
    public bool? ShowOnlyUnmuted { get; init; }

    /// <summary>Unread business notifications.</summary>
    public int? BusinessUnread { get; init; }

    /// <summary>The header counter.</summary>
    public int? HeaderUnread { get; init; }

    /// <summary>The header counter, unmuted only.</summary>
    public int? HeaderUnreadUnmuted { get; init; }

    /// <summary>Unread conversations in the archive.</summary>
    public int? ArchiveUnread { get; init; }

    /// <summary>Unread archived conversations with notifications on.</summary>
    public int? ArchiveUnreadUnmuted { get; init; }

    /// <summary>Mentions in the archive.</summary>
    public int? ArchiveMentions { get; init; }
}
