using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>A <c>messages.getLongPollHistory</c> answer: the persistent events since a <c>pts</c>.</summary>
/// <remarks>
/// Message events in history are shortened to ids and flags; the reader completes them from
/// <see cref="Messages"/> (text, author, time, random id — attachments stay with the API objects).
/// </remarks>
public sealed record LongPollHistory
{
    /// <summary>The events, in order, decoded in the history context.</summary>
    public IReadOnlyList<LongPollEvent> Events { get; init; } = [];

    /// <summary>The API message objects for the message events (<c>messages.items</c>).</summary>
    public IReadOnlyList<HistoryMessage> Messages { get; init; } = [];

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

/// <summary>A message object of the VK API, as far as Long Poll recovery needs it.</summary>
/// <remarks>Texts of API objects are plain, not HTML-escaped. Old API versions' <c>user_id</c>/<c>body</c> are read too.</remarks>
public sealed record HistoryMessage
{
    /// <summary><c>id</c>: the global message id.</summary>
    public long Id { get; init; }

    /// <summary><c>conversation_message_id</c>.</summary>
    public long? ConversationMessageId { get; init; }

    /// <summary><c>peer_id</c> (or the old <c>user_id</c>).</summary>
    public long? PeerId { get; init; }

    /// <summary><c>from_id</c>.</summary>
    public long? FromId { get; init; }

    /// <summary><c>date</c>: unix time sent.</summary>
    public long? Date { get; init; }

    /// <summary><c>out</c>: your own message.</summary>
    public bool? Out { get; init; }

    /// <summary><c>text</c> (or the old <c>body</c>).</summary>
    public string? Text { get; init; }

    /// <summary><c>random_id</c>.</summary>
    public long? RandomId { get; init; }

    /// <summary><c>update_time</c>: unix time of the last edit.</summary>
    public long? UpdateTime { get; init; }
}
