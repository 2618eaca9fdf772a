namespace VkLongPoll;

/// <summary>Keeps a session's checkpoint between runs.</summary>
public interface ICheckpointStore
{
    /// <summary>The saved checkpoint of <paramref name="name"/>, or null.</summary>
    ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Saves the checkpoint of <paramref name="name"/>, replacing the previous one.</summary>
    ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default);
}

/// <summary>Checkpoints in memory: for tests, and for processes that recover from scratch anyway.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LongPollCheckpoint> _checkpoints = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_checkpoints.GetValueOrDefault(name));

    /// <inheritdoc/>
    public ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        _checkpoints[name] = checkpoint;
        return ValueTask.CompletedTask;
    }
}
