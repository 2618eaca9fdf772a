using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>Where one hosted account stands: a snapshot, replaced (never changed) as the account moves on.</summary>
public sealed class VkLongPollAccountState
{
    internal VkLongPollAccountState(string name, string checkpointName)
    {
        Name = name;
        CheckpointName = checkpointName;
    }

    /// <summary>The account's name.</summary>
    public string Name { get; }

    /// <summary>The name its checkpoint is kept under.</summary>
    public string CheckpointName { get; }

    /// <summary>The session's last status (null before it starts); <see cref="LongPollStopped"/> once it ended.</summary>
    public LongPollStatus? Status { get; private set; }

    /// <summary>The checkpoint after the last batch the handlers finished (its <see cref="LongPollCheckpoint.ToString"/> hides the key).</summary>
    public LongPollCheckpoint? Checkpoint { get; private set; }

    /// <summary>When the current run of failed requests began; null while requests go through.</summary>
    public DateTimeOffset? RetryingSince { get; private set; }

    /// <summary>The last exception of a handler (or of saving the checkpoint) while the batch is being retried; null once it went through.</summary>
    public Exception? HandlerError { get; private set; }

    /// <summary>When the current batch first failed; null while handlers succeed.</summary>
    public DateTimeOffset? HandlerFailingSince { get; private set; }

    /// <summary>Batches the handlers finished.</summary>
    public long BatchesHandled { get; private set; }

    /// <summary>Events in those batches.</summary>
    public long EventsHandled { get; private set; }

    /// <summary>True from the start of the account's session to its end.</summary>
    public bool Running { get; private set; }

    /// <summary>True once the session polls from its checkpoint (it reported <see cref="LongPollStarted"/>): a message sent from then on is delivered.</summary>
    public bool Ready { get; private set; }

    /// <summary>Batches given up after the handlers kept failing on them (<see cref="HandlerFailurePolicy.DeadLetter"/>).</summary>
    public long DeadLettered { get; private set; }

    /// <summary>When the last batch was dead-lettered; null when none was.</summary>
    public DateTimeOffset? LastDeadLetteredAt { get; private set; }

    /// <summary>The next snapshot: a copy of this one with <paramref name="change"/> made to it (this one stays as it was).</summary>
    internal VkLongPollAccountState With(Action<Mutable> change)
    {
        var next = (VkLongPollAccountState)MemberwiseClone();
        change(new Mutable(next));
        return next;
    }

    /// <summary>The setters of a snapshot being made (they are not the public type's: a published snapshot never changes).</summary>
    internal readonly struct Mutable(VkLongPollAccountState state)
    {
        public LongPollStatus? Status { set => state.Status = value; }

        public LongPollCheckpoint? Checkpoint { set => state.Checkpoint = value; }

        public DateTimeOffset? RetryingSince { set => state.RetryingSince = value; }

        public Exception? HandlerError { set => state.HandlerError = value; }

        public DateTimeOffset? HandlerFailingSince { set => state.HandlerFailingSince = value; }

        public long BatchesHandled { set => state.BatchesHandled = value; }

        public long EventsHandled { set => state.EventsHandled = value; }

        public bool Running { set => state.Running = value; }

        public bool Ready { set => state.Ready = value; }

        public long DeadLettered { set => state.DeadLettered = value; }

        public DateTimeOffset? LastDeadLetteredAt { set => state.LastDeadLetteredAt = value; }
    }
}
