namespace VkLongPoll;

/// <summary>Where an update array came from; a few short tuples mean different things in each.</summary>
public enum LongPollContext
{
    /// <summary>The <c>updates</c> of an <c>a_check</c> response.</summary>
    Live,

    /// <summary>The <c>history</c> of <c>messages.getLongPollHistory</c>: message events are shortened.</summary>
    History,
}

/// <summary>What the decoder does with an update whose code it knows but whose shape is wrong.</summary>
public enum MalformedEventHandling
{
    /// <summary>Throw <see cref="LongPollProtocolException"/> (the default).</summary>
    Throw,

    /// <summary>Keep the update as an <see cref="Events.UnknownEvent"/> with <see cref="Events.UnknownEvent.DecodeError"/> set.</summary>
    KeepAsUnknown,
}

/// <summary>How to read update arrays: the protocol version and mode they were requested with.</summary>
/// <remarks>Like every options class here: settable (bindable from configuration) and copied when a decoder is made, so a later change affects no decoder.</remarks>
public sealed class LongPollDecoderOptions
{
    /// <summary>The <c>version</c> sent to <c>a_check</c>: 3, 10, 11, 19 (21 reads as 19). Default 19.</summary>
    /// <remarks>It decides flag names, version 0's community ids and version 3's event 8; codes decide the rest.</remarks>
    public int Version { get; set; } = 19;

    /// <summary>The <c>mode</c> sent to <c>a_check</c>, or null to infer optional fields from the tuple's shape.</summary>
    /// <remarks>Only bit 128 (random_id) changes positions; with null, a trailing number count decides.</remarks>
    public int? Mode { get; set; }

    /// <summary>Your own user id, when known: the author of your messages in private dialogs.</summary>
    public long? SelfUserId { get; set; }

    /// <summary>What to do with an update whose code is known but whose shape is wrong.</summary>
    public MalformedEventHandling MalformedEvents { get; set; } = MalformedEventHandling.Throw;

    internal LongPollDecoderOptions Copy() => (LongPollDecoderOptions)MemberwiseClone();

    internal void Validate()
    {
        if (Version < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Version), Version, "the version must not be negative");
        }

        if (Mode < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "the mode must not be negative");
        }
    }
}
