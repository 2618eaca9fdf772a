using VkLongPoll.Events;

namespace VkLongPoll.Hosting;

/// <summary>One batch of one account as the handlers see it.</summary>
public sealed class LongPollBatchContext
{
    internal LongPollBatchContext(string account, string checkpointName, LongPollBatch batch, int attempt, IServiceProvider services)
    {
        Account = account;
        CheckpointName = checkpointName;
        Batch = batch;
        Attempt = attempt;
        Services = services;
    }

    /// <summary>The account's name (its key under <c>VkLongPoll:Accounts</c>).</summary>
    public string Account { get; }

    /// <summary>The name the account's checkpoint is kept under: save <see cref="Checkpoint"/> with it to commit the batch yourself.</summary>
    public string CheckpointName { get; }

    /// <summary>The batch.</summary>
    public LongPollBatch Batch { get; }

    /// <summary>The batch's events, in server order (may be empty).</summary>
    public IReadOnlyList<LongPollEvent> Events => Batch.Events;

    /// <summary>Where the account resumes once this batch is handled.</summary>
    public LongPollCheckpoint Checkpoint => Batch.Checkpoint;

    /// <summary>True for events fetched through <c>getLongPollHistory</c> after a gap or a restart.</summary>
    public bool Recovered => Batch.Recovered;

    /// <summary>1 the first time the batch is handled; more when an earlier attempt threw and the batch is handled again.</summary>
    public int Attempt { get; }

    /// <summary>The batch's DI scope.</summary>
    public IServiceProvider Services { get; }
}
