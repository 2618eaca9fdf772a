using System.Globalization;

namespace VkLongPoll;

/// <summary>
/// A community's transport lost events that nothing can give again: the Bots Long Poll's <c>failed</c> 1 or 3 skips them, and
/// VK keeps history of messages only. Its messages were recovered from <c>pts</c> (<see cref="MessagesRecovered"/>); the
/// other events of the gap (<see cref="Count"/> in all, when VK's numbers tell) are gone.
/// </summary>
public sealed class CommunityEventsLost : LongPollStatus
{
    /// <summary>Creates the status.</summary>
    /// <param name="cause">The gap's cause.</param>
    /// <param name="count">How many events the gap held in all, when known.</param>
    /// <param name="messagesRecovered">How many of its messages were recovered from <c>pts</c>.</param>
    public CommunityEventsLost(LongPollRecoveryCause cause, long? count, int messagesRecovered)
    {
        Cause = cause;
        Count = count;
        MessagesRecovered = messagesRecovered;
    }

    /// <summary>The gap's cause (<see cref="LongPollRecoveryCause.HistoryLost"/> for <c>failed: 1</c>, <see cref="LongPollRecoveryCause.UserDataLost"/> for 3).</summary>
    public LongPollRecoveryCause Cause { get; }

    /// <summary>How many events the gap held in all (new <c>ts</c> less the old), when known.</summary>
    public long? Count { get; }

    /// <summary>How many of its messages were recovered from <c>pts</c>.</summary>
    public int MessagesRecovered { get; }

    /// <summary>VK's error when the community's messages cannot be read at all (no <c>messages</c> access): gaps will not be backfilled.</summary>
    public int? BackfillUnavailable { get; init; }

    /// <summary>Whether the gap's messages could be recovered from <c>pts</c> (false: they are gone too).</summary>
    public bool MessagesRecoverable { get; init; } = true;

    /// <inheritdoc/>
    public override string Describe()
    {
        if (BackfillUnavailable is { } code)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the community's messages cannot be read (API error {code}): a gap's messages will not be recovered");
        }

        var gap = Cause switch
        {
            LongPollRecoveryCause.UserDataLost => "the Bots Long Poll lost its session (failed: 3)",
            LongPollRecoveryCause.HistoryLost => "the Bots Long Poll skipped events (failed: 1)",
            _ => "events came while the source was stopped",
        };
        var count = Count is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n} events)") : string.Empty;
        return MessagesRecoverable
            ? string.Create(CultureInfo.InvariantCulture, $"{gap}{count}: {MessagesRecovered} message{(MessagesRecovered == 1 ? "" : "s")} recovered from pts; VK keeps no other events of the gap")
            : $"{gap}{count}: the community's messages cannot be read, so nothing of the gap is recovered";
    }
}
