namespace VkLongPoll;

/// <summary>The <see cref="Microsoft.Extensions.Logging.EventId"/>s of the session's log lines: stable, one per <see cref="LongPollStatus"/> type.</summary>
/// <remarks>Filter or alert on these numbers; the message text may be reworded, the ids will not be reused.</remarks>
public static class LongPollEventIds
{
    /// <summary><see cref="LongPollStarted"/> (Information).</summary>
    public const int Started = 1;

    /// <summary><see cref="LongPollRecoveryStarted"/> (Warning).</summary>
    public const int RecoveryStarted = 2;

    /// <summary><see cref="LongPollRetrying"/> (Warning).</summary>
    public const int Retrying = 3;

    /// <summary><see cref="LongPollRecoveryFinished"/> (Information).</summary>
    public const int RecoveryFinished = 4;

    /// <summary><see cref="LongPollVersionChanged"/> (Warning).</summary>
    public const int VersionChanged = 5;

    /// <summary><see cref="LongPollResynced"/> (Error: events were lost).</summary>
    public const int Resynced = 6;

    /// <summary><see cref="LongPollReconnected"/> (Information).</summary>
    public const int Reconnected = 7;

    /// <summary><see cref="LongPollStopped"/> (Information when cancelled, Error otherwise).</summary>
    public const int Stopped = 8;

    /// <summary><see cref="CommunityEventsLost"/> (Warning: a community's events that no transport or history can give again).</summary>
    public const int CommunityEventsLost = 9;
}
