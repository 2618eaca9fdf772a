namespace VkLongPoll.Engine;

/// <summary>A checkpoint store that can write a batch's effects and its checkpoint in one transaction (exactly-once).</summary>
/// <typeparam name="TTransaction">The store's transaction type (StackExchange.Redis' <c>ITransaction</c> for the cluster's fenced store).</typeparam>
public interface ITransactionalCheckpointStore<out TTransaction> : ICheckpointStore
{
    /// <summary>Writes what <paramref name="effects"/> queues on the transaction and <paramref name="checkpoint"/> together, or nothing.</summary>
    /// <param name="name">The checkpoint's name.</param>
    /// <param name="checkpoint">The checkpoint after the batch.</param>
    /// <param name="effects">Queues the effects and returns their task; null for none.</param>
    /// <param name="cancellationToken">Checked before the write.</param>
    ValueTask CommitAsync(string name, LongPollCheckpoint checkpoint, Func<TTransaction, Task>? effects, CancellationToken cancellationToken);
}
