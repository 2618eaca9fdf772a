namespace VkLongPoll.Events;

/// <summary>One event of the User Long Poll: an element of <c>updates</c> or of <c>history</c>.</summary>
/// <remarks>
/// Every event is an immutable, sealed record. <see cref="Type"/> is a stable snake_case name
/// that means the same in every protocol version (code 4 in version 3 and 10004 in version 19
/// are both <c>message_new</c>); <see cref="Code"/> is the number VK sent.
/// </remarks>
/// <param name="Code">The event code, element 0 of the update array.</param>
public abstract record LongPollEvent(int Code)
{
    /// <summary>The stable snake_case name of the event kind, e.g. <c>message_new</c>.</summary>
    public abstract string Type { get; }
}

/// <summary>An event whose code this library does not know (or, when asked for, could not decode).</summary>
/// <remarks>Never dropped: the raw JSON array is kept so nothing is lost.</remarks>
/// <param name="Code">The event code (0 when element 0 was not a number).</param>
/// <param name="Raw">The update array as raw JSON, exactly as received.</param>
public sealed record UnknownEvent(int Code, string Raw) : LongPollEvent(Code)
{
    /// <inheritdoc/>
    public override string Type => "unknown";

    /// <summary>Why a known code was kept raw (see <see cref="MalformedEventHandling"/>); null for unknown codes.</summary>
    public string? DecodeError { get; init; }
}
