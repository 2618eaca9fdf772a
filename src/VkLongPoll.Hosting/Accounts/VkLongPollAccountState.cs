using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>Where one hosted account stands: a snapshot, replaced as the account moves on.</summary>
/// <param name="Name">The account's name.</param>
/// <param name="CheckpointName">The name its checkpoint is kept under.</param>
public sealed record VkLongPollAccountState(string Name, string CheckpointName)
{
    /// <summary>The session's last status (null before it starts); <see cref="LongPollStopped"/> once it ended.</summary>
    public LongPollStatus? Status { get; init; }

    /// <summary>The checkpoint after the last batch the handlers finished (its <see cref="LongPollCheckpoint.ToString"/> hides the key).</summary>
    public LongPollCheckpoint? Checkpoint { get; init; }

    /// <summary>When the current run of failed requests began; null while requests go through.</summary>
    public DateTimeOffset? RetryingSince { get; init; }

    /// <summary>The last exception of a handler (or of saving the checkpoint) while the batch is being retried; null once it went through.</summary>
    public Exception? HandlerError { get; init; }

    /// <summary>When the current batch first failed; null while handlers succeed.</summary>
    public DateTimeOffset? HandlerFailingSince { get; init; }

    /// <summary>Batches the handlers finished.</summary>
    public long BatchesHandled { get; init; }

    /// <summary>Events in those batches.</summary>
    public long EventsHandled { get; init; }

    /// <summary>True from the start of the account's session to its end.</summary>
    public bool Running { get; init; }

    /// <summary>True once the session polls from its checkpoint (it reported <see cref="LongPollStarted"/>): a message sent from then on is delivered.</summary>
    public bool Ready { get; init; }

    /// <summary>Batches given up after the handlers kept failing on them (<see cref="HandlerFailurePolicy.DeadLetter"/>).</summary>
    public long DeadLettered { get; init; }

    /// <summary>When the last batch was dead-lettered; null when none was.</summary>
    public DateTimeOffset? LastDeadLetteredAt { get; init; }
}
