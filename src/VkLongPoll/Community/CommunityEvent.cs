using System.Diagnostics.CodeAnalysis;
using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary>One event of a VK community: an element of a Bots Long Poll answer's <c>updates</c>, or the body of a Callback API request.</summary>
/// <remarks>
/// Community events have no User Long Poll code, so <see cref="LongPollEvent.Code"/> is 0; <see cref="LongPollEvent.Type"/> is VK's
/// own event name (<c>message_new</c>, <c>wall_post_new</c>…). Every subtype types the fields that matter; <see cref="Object"/>
/// keeps the whole object as received, so a field this library does not type is never lost. Read them with
/// <see cref="CommunityEventReader"/>.
/// </remarks>
public abstract record CommunityEvent : LongPollEvent
{
    /// <summary>Community events have no User Long Poll code: <see cref="LongPollEvent.Code"/> is 0.</summary>
    protected CommunityEvent()
        : base(0)
    {
    }

    /// <summary>VK's <c>event_id</c>, the same when VK delivers an event again; empty when the sender left it out.</summary>
    public string EventId { get; init; } = "";

    /// <summary>The community the event happened in (<c>group_id</c>, positive).</summary>
    public long GroupId { get; init; }

    /// <summary>The API version the object is shaped by (<c>v</c>, e.g. <c>5.199</c>), when sent.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The raw JSON of <c>object</c>, exactly as received; <c>{}</c> when the event has none.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "VK's name for the field; the contract other code is written against.")]
    public string Object { get; init; } = "{}";
}

/// <summary>A community event of a type this library does not know, or a known one whose object could not be read.</summary>
/// <remarks>Never dropped: <see cref="CommunityEvent.Object"/> keeps the object and <see cref="TypeName"/> VK's name for it.</remarks>
/// <param name="TypeName">VK's name of the event type, as sent.</param>
public sealed record UnknownCommunityEvent(string TypeName) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>Why an event of a known type was kept raw (a field of the wrong kind, a missing id); null for unknown types.</summary>
    public string? DecodeError { get; init; }
}

/// <summary><c>confirmation</c>: the Callback API asks the server to confirm its address (answer with the confirmation string).</summary>
/// <remarks>Only the Callback API sends it, without an object; Bots Long Poll never does.</remarks>
public sealed record CommunityConfirmation : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "confirmation";
}
