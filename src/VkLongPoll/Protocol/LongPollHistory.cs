using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>A <c>messages.getLongPollHistory</c> answer: the persistent events since a <c>pts</c>.</summary>
/// <remarks>
/// Message events in history are shortened to ids and flags; the reader completes them from <see cref="Messages"/>, the
/// full API message objects — text, author, time, attachments (with URLs and access keys), service action, reply —
/// so a recovered message is the same record a live one is.
/// </remarks>
public sealed record LongPollHistory
{
    /// <summary>The events, in order, decoded in the history context.</summary>
    public IReadOnlyList<LongPollEvent> Events { get; init; } = [];

    /// <summary>The API message objects for the message events (<c>messages.items</c>), read as complete messages.</summary>
    public IReadOnlyList<LongPollMessage> Messages { get; init; } = [];

    /// <summary><c>messages.count</c>.</summary>
    public int? MessagesCount { get; init; }

    /// <summary>The <c>pts</c> after these events: the next request's <c>pts</c>.</summary>
    public long? NewPts { get; init; }

    /// <summary>The <c>pts</c> this batch started from.</summary>
    public long? FromPts { get; init; }

    /// <summary>More events remain: ask again with <see cref="NewPts"/>.</summary>
    public bool More { get; init; }

    /// <summary>Long Poll credentials to resume with (<c>credentials=1</c>).</summary>
    public LongPollServer? Credentials { get; init; }
}
