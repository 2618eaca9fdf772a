using StackExchange.Redis;
using VkLongPoll.Events;

namespace VkLongPoll.Orleans;

/// <summary>One batch of an account's events, with what is needed to commit it exactly once.</summary>
public sealed class VkAccountBatch
{
    private readonly RedisCheckpointStore _store;

    internal VkAccountBatch(string account, LongPollBatch batch, CheckpointLease lease, RedisCheckpointStore store)
    {
        Account = account;
        Batch = batch;
        Lease = lease;
        _store = store;
    }

    /// <summary>The account's name.</summary>
    public string Account { get; }

    /// <summary>The events and the checkpoint after them.</summary>
    public LongPollBatch Batch { get; }

    /// <summary>The events, in server order.</summary>
    public IReadOnlyList<LongPollEvent> Events => Batch.Events;

    /// <summary>The checkpoint after these events.</summary>
    public LongPollCheckpoint Checkpoint => Batch.Checkpoint;

    /// <summary>The lease of the session that delivers it (its epoch fences every write).</summary>
    public CheckpointLease Lease { get; }

    /// <summary>True once <see cref="CommitAsync"/> has saved the checkpoint.</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Writes the batch's effects and its checkpoint in one fenced Redis transaction.</summary>
    /// <param name="effects">Queues the effects on the transaction and returns their task (e.g. <c>tx =&gt; tx.ListRightPushAsync(key, values)</c>); null for none.</param>
    /// <param name="cancellationToken">Checked before the write.</param>
    /// <exception cref="CheckpointFencedException">Another owner holds the account; nothing was written. Let it propagate: the session stops.</exception>
    public async ValueTask CommitAsync(Func<ITransaction, Task>? effects, CancellationToken cancellationToken = default)
    {
        if (IsCommitted)
        {
            throw new InvalidOperationException("this batch is already committed");
        }

        await _store.CommitAsync(Lease, Checkpoint, effects, cancellationToken).ConfigureAwait(false);
        IsCommitted = true;
    }
}
