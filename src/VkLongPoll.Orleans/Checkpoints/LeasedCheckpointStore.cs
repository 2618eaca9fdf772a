using StackExchange.Redis;
using VkLongPoll.Engine;

namespace VkLongPoll.Orleans;

/// <summary>
/// The fenced store as the engine sees it for one account under one lease: loads what the lease found, saves and commits
/// under the lease's epoch (a newer owner makes every write throw <see cref="CheckpointFencedException"/>).
/// </summary>
internal sealed class LeasedCheckpointStore(RedisCheckpointStore store, CheckpointLease lease) : ITransactionalCheckpointStore<ITransaction>
{
    public ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default) => ValueTask.FromResult(lease.Saved);

    public ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        store.SaveAsync(lease, checkpoint, cancellationToken);

    public ValueTask CommitAsync(string name, LongPollCheckpoint checkpoint, Func<ITransaction, Task>? effects, CancellationToken cancellationToken) =>
        store.CommitAsync(lease, checkpoint, effects, cancellationToken);
}
