using System.Runtime.CompilerServices;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Engine;

/// <summary>A source that yields the given batches, then waits as a live poll does until the run stops.</summary>
internal sealed class FakeUpdateSource(string name, params LongPollBatch[] batches) : IUpdateSource
{
    public string Name => name;

    /// <summary>The checkpoint each read started from.</summary>
    public List<LongPollCheckpoint?> ReadsFrom { get; } = [];

    /// <summary>Completes when the source has handed out every batch and was asked for one more (the last was committed).</summary>
    public TaskCompletionSource Drained { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static LongPollBatch Batch(long ts, params string[] raws) =>
        new([.. raws.Select(raw => (LongPollEvent)new MessageNewEvent(10004, new LongPollMessage { MessageId = ts, PeerId = new PeerId(7), ConversationMessageId = ts, Text = raw }))], new LongPollCheckpoint(ts, ts * 10, "lp.example/im", "k", 19), Recovered: false);

    public async IAsyncEnumerable<LongPollBatch> ReadAsync(LongPollCheckpoint? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReadsFrom.Add(from);
        foreach (var batch in batches.Where(b => from is null || b.Checkpoint.Ts > from.Ts))
        {
            yield return batch;
        }

        Drained.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

/// <summary>A store that counts its saves and can take a transaction of strings.</summary>
internal sealed class CountingStore : ITransactionalCheckpointStore<List<string>>
{
    private readonly InMemoryCheckpointStore _inner = new();

    public List<LongPollCheckpoint> Saved { get; } = [];

    public List<string> Committed { get; } = [];

    public ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default) => _inner.LoadAsync(name, cancellationToken);

    public ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        Saved.Add(checkpoint);
        return _inner.SaveAsync(name, checkpoint, cancellationToken);
    }

    public async ValueTask CommitAsync(string name, LongPollCheckpoint checkpoint, Func<List<string>, Task>? effects, CancellationToken cancellationToken)
    {
        var transaction = new List<string>();
        if (effects is not null)
        {
            await effects(transaction);
        }

        Committed.AddRange(transaction);
        await SaveAsync(name, checkpoint, cancellationToken);
    }
}

/// <summary>A handler made of a function, with every batch it was handed recorded.</summary>
internal sealed class FuncHandler(Func<AccountBatch, ValueTask> handle) : IAccountBatchHandler
{
    public List<(long Ts, int Attempt)> Seen { get; } = [];

    public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        lock (Seen)
        {
            Seen.Add((batch.Checkpoint.Ts, batch.Attempt));
        }

        return handle(batch);
    }
}
