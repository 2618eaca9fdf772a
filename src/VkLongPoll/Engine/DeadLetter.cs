namespace VkLongPoll.Engine;

/// <summary>A batch the handlers failed on <see cref="Attempts"/> times, given up so the account goes on.</summary>
public sealed class DeadLetter
{
    internal DeadLetter(string account, string checkpointName, LongPollBatch batch, Exception error, int attempts, DateTimeOffset time)
    {
        Account = account;
        CheckpointName = checkpointName;
        Batch = batch;
        Error = error;
        Attempts = attempts;
        Time = time;
    }

    /// <summary>The account's name.</summary>
    public string Account { get; }

    /// <summary>The name its checkpoint is kept under.</summary>
    public string CheckpointName { get; }

    /// <summary>The batch: its events and the checkpoint after them (which is saved: the account goes on past it).</summary>
    public LongPollBatch Batch { get; }

    /// <summary>The handler's last exception.</summary>
    public Exception Error { get; }

    /// <summary>How many times the batch was handed over.</summary>
    public int Attempts { get; }

    /// <summary>When it was given up, on the host's clock.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The events' identities, one short string each (<c>message_new 2000000001/57</c>, <c>typing 10</c>): what the log line names.</summary>
    public IReadOnlyList<string> EventIdentities => [.. Batch.Events.Select(EventIdentity.Of)];
}
