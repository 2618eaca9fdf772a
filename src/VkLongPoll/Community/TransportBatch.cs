namespace VkLongPoll.Community;

/// <summary>Which of a community's transports a batch came by.</summary>
internal enum CommunityTransport
{
    BotsLongPoll,
    Callback,
}

/// <summary>What one transport read, before the source merges and dedupes it: events and where that transport now stands.</summary>
/// <param name="Transport">Which one.</param>
/// <param name="Events">The events, in the order they came.</param>
/// <param name="Ts">Bots Long Poll: the <c>ts</c> after them.</param>
/// <param name="Server">Bots Long Poll: the server.</param>
/// <param name="Key">Bots Long Poll: the key.</param>
/// <param name="InboxPosition">Callback: the last inbox entry read.</param>
internal sealed record TransportBatch(CommunityTransport Transport, IReadOnlyList<CommunityEvent> Events, long Ts = 0, string? Server = null, string? Key = null, long InboxPosition = 0)
{
    /// <summary>A gap in the Bots Long Poll (<c>failed</c> 1 or 3): the events in it are gone from the transport.</summary>
    public LongPollRecoveryCause? Gap { get; init; }

    /// <summary>How many events the gap held, when VK's numbers tell (<c>failed: 1</c>'s new ts less the old).</summary>
    public long? LostEvents { get; init; }
}
