using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>One <c>a_check</c> answer: the events and the new <c>ts</c>/<c>pts</c>, or a <c>failed</c> code.</summary>
public sealed record LongPollResponse
{
    /// <summary>The <c>ts</c> to send with the next request (also present with <c>failed: 1</c>).</summary>
    public long? Ts { get; init; }

    /// <summary>The <c>pts</c> after these events (mode 32).</summary>
    public long? Pts { get; init; }

    /// <summary>The <c>failed</c> code: 1 history lost (take <see cref="Ts"/>), 2 key expired, 3 user data lost, 4 bad version.</summary>
    public int? Failed { get; init; }

    /// <summary>With <c>failed: 4</c>: the lowest version the server accepts.</summary>
    public int? MinVersion { get; init; }

    /// <summary>With <c>failed: 4</c>: the highest version the server accepts.</summary>
    public int? MaxVersion { get; init; }

    /// <summary>The <c>error</c> text some failures carry.</summary>
    public string? Error { get; init; }

    /// <summary>The events, in server order (empty when <c>wait</c> ran out, or on failure).</summary>
    public IReadOnlyList<LongPollEvent> Updates { get; init; } = [];

    /// <summary>True when the server answered with a <c>failed</c> code instead of updates.</summary>
    public bool IsFailed => Failed is not null;
}
