using VkLongPoll.Events;

namespace VkLongPoll.Engine;

/// <summary>One batch of one account as the handler sees it, in every host: the events, the checkpoint after them, and the ways to commit it.</summary>
public sealed class AccountBatch
{
    private readonly ICheckpointStore? _store;

    internal AccountBatch(string account, string checkpointName, LongPollBatch batch, int attempt, ICheckpointStore? store, IServiceProvider services)
    {
        Account = account;
        CheckpointName = checkpointName;
        Batch = batch;
        Attempt = attempt;
        Services = services;
        _store = store;
    }

    /// <summary>The account's name.</summary>
    public string Account { get; }

    /// <summary>The name the account's checkpoint is kept under: save <see cref="Checkpoint"/> with it to commit the batch in your own database.</summary>
    public string CheckpointName { get; }

    /// <summary>The batch.</summary>
    public LongPollBatch Batch { get; }

    /// <summary>The batch's events, in server order (may be empty: the position moved without any).</summary>
    public IReadOnlyList<LongPollEvent> Events => Batch.Events;

    /// <summary>Where the account resumes once this batch is handled.</summary>
    public LongPollCheckpoint Checkpoint => Batch.Checkpoint;

    /// <summary>True for events fetched through <c>getLongPollHistory</c> after a gap or a restart.</summary>
    public bool Recovered => Batch.Recovered;

    /// <summary>1 the first time the batch is handed over; more when an earlier attempt threw.</summary>
    public int Attempt { get; }

    /// <summary>The host's services: the batch's own DI scope under Hosting, the silo's under Orleans, none otherwise.</summary>
    public IServiceProvider Services { get; }

    /// <summary>True once the batch's checkpoint was committed by the handler (the engine then does not save it again).</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Saves the checkpoint now, through the engine's store (before the handler's remaining work, if any).</summary>
    /// <exception cref="InvalidOperationException">The engine has no store, or the batch is already committed.</exception>
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        var store = StoreForCommit();
        await store.SaveAsync(CheckpointName, Checkpoint, cancellationToken).ConfigureAwait(false);
        IsCommitted = true;
    }

    /// <summary>Writes the batch's effects and its checkpoint in one transaction of the engine's store: exactly-once.</summary>
    /// <typeparam name="TTransaction">The store's transaction type (StackExchange.Redis' <c>ITransaction</c> in the cluster).</typeparam>
    /// <param name="effects">Queues the effects on the transaction and returns their task; null for none.</param>
    /// <param name="cancellationToken">Checked before the write.</param>
    /// <exception cref="NotSupportedException">The engine's store has no transactions of <typeparamref name="TTransaction"/>.</exception>
    /// <exception cref="CheckpointFencedException">Another owner holds the account; nothing was written. Let it propagate: the run ends.</exception>
    public async ValueTask CommitAsync<TTransaction>(Func<TTransaction, Task>? effects, CancellationToken cancellationToken)
    {
        if (StoreForCommit() is not ITransactionalCheckpointStore<TTransaction> store)
        {
            throw new NotSupportedException($"the checkpoint store of {Account} has no transactions of {typeof(TTransaction).Name}");
        }

        await store.CommitAsync(CheckpointName, Checkpoint, effects, cancellationToken).ConfigureAwait(false);
        IsCommitted = true;
    }

    /// <summary>Says the handler saved <see cref="Checkpoint"/> itself (with its effects, in its own database): the engine does not save it.</summary>
    public void MarkCommitted() => IsCommitted = true;

    private ICheckpointStore StoreForCommit()
    {
        if (IsCommitted)
        {
            throw new InvalidOperationException("this batch is already committed");
        }

        return _store ?? throw new InvalidOperationException($"the account {Account} has no checkpoint store to commit to");
    }
}
