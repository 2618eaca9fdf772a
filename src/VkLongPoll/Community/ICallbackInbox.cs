namespace VkLongPoll.Community;

/// <summary>
/// Where Callback API deliveries are kept between VK's POST and the handler: recorded before the endpoint answers <c>ok</c>,
/// read in order by the community's <see cref="CommunitySource"/>, trimmed once handled. A durable inbox (SQLite's
/// checkpoint store) means an event VK was told <c>ok</c> for is never lost, and a slow handler never makes VK retry.
/// </summary>
public interface ICallbackInbox
{
    /// <summary>Keeps one delivery; says whether it was recorded, was there already, or the inbox is full.</summary>
    /// <param name="groupId">The community.</param>
    /// <param name="eventId">VK's <c>event_id</c> (a delivery without one is always recorded).</param>
    /// <param name="body">The POST body as received (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancels the write (nothing was recorded then).</param>
    ValueTask<InboxRecordResult> RecordAsync(long groupId, string eventId, string body, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> entries of <paramref name="groupId"/> after <paramref name="after"/>, in the order they were recorded.</summary>
    ValueTask<IReadOnlyList<CallbackInboxEntry>> ReadAsync(long groupId, long after, int max, CancellationToken cancellationToken = default);

    /// <summary>Forgets the entries up to and including <paramref name="upTo"/>: they are handled and committed.</summary>
    ValueTask TrimAsync(long groupId, long upTo, CancellationToken cancellationToken = default);

    /// <summary>Completes when an entry after <paramref name="after"/> may be there (at once if one is), or after <paramref name="atMost"/> anyway.</summary>
    Task WaitAsync(long groupId, long after, TimeSpan atMost, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="ICallbackInbox.RecordAsync"/> did.</summary>
public enum InboxRecordResult
{
    /// <summary>Recorded: answer VK <c>ok</c>.</summary>
    Recorded,

    /// <summary>The same <c>event_id</c> waits in the inbox already: answer <c>ok</c> at once.</summary>
    Duplicate,

    /// <summary>The inbox holds as much as it may: answer that VK should retry later (nothing was recorded).</summary>
    Full,
}

/// <summary>One Callback delivery waiting in an inbox.</summary>
/// <param name="Position">Its place in the community's inbox; grows with each record.</param>
/// <param name="GroupId">The community.</param>
/// <param name="EventId">VK's <c>event_id</c>.</param>
/// <param name="Body">The POST body as received.</param>
public sealed record CallbackInboxEntry(long Position, long GroupId, string EventId, string Body);
