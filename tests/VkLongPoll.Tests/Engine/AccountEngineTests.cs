using VkLongPoll.Engine;
using static VkLongPoll.Tests.Engine.FakeUpdateSource;

namespace VkLongPoll.Tests.Engine;

/// <summary>The one engine's contract, which every host inherits: saving, retries, the failure policy, commits, fencing, stop.</summary>
public sealed class AccountEngineTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static AccountEngineOptions Options(ICheckpointStore store, HandlerFailurePolicy policy = HandlerFailurePolicy.DeadLetter, int attempts = 3) => new()
    {
        Account = "alice",
        CheckpointStore = store,
        HandlerAttempts = attempts,
        HandlerFailure = policy,
        Backoff = new RetryBackoff(TimeSpan.Zero, TimeSpan.Zero),
    };

    [Fact]
    public async Task EachBatch_IsSavedAfterTheHandlerReturns_AndARestartResumesFromTheLast()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"), Batch(2, "b"), Batch(3, "c"));
        var handler = new FuncHandler(_ => ValueTask.CompletedTask);
        var engine = new AccountEngine(source, handler, Options(store));

        await RunUntilAsync(engine, source.Drained.Task);

        Assert.Equal([1L, 2L, 3L], store.Saved.Select(c => c.Ts));
        Assert.Equal(3, engine.Checkpoint!.Ts);
        Assert.Equal(3, (await store.LoadAsync("vk-1"))!.Ts);

        // A second run starts where the first ended and hands over nothing already handled.
        var again = new FakeUpdateSource("vk-1", Batch(1, "a"), Batch(2, "b"), Batch(3, "c"), Batch(4, "d"));
        var second = new FuncHandler(_ => ValueTask.CompletedTask);
        await RunUntilAsync(new AccountEngine(again, second, Options(store)), again.Drained.Task);
        Assert.Equal(3, again.ReadsFrom.Single()!.Ts);
        Assert.Equal([(4L, 1)], second.Seen);
    }

    [Fact]
    public async Task AHandlerThatKeepsFailing_DeadLettersTheBatchAfterItsAttempts_AndTheNextBatchIsDelivered()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "fine"), Batch(2, "poison"), Batch(3, "after"));
        var handler = new FuncHandler(b => b.Events.OfType<VkLongPoll.Events.MessageNewEvent>().Any(e => e.Message.Text == "poison")
            ? throw new InvalidOperationException("cannot take it")
            : ValueTask.CompletedTask);
        var sink = new ListSink();
        var observer = new RecordingObserver();
        var options = Options(store, attempts: 4);
        options.DeadLetterSinks = [new ThrowingSink(), sink];
        options.Observer = observer;

        await RunUntilAsync(new AccountEngine(source, handler, options), source.Drained.Task);

        Assert.Equal([(1L, 1), (2L, 1), (2L, 2), (2L, 3), (2L, 4), (3L, 1)], handler.Seen);
        var letter = Assert.Single(sink.Letters);
        Assert.Equal(("alice", "vk-1", 4, 2L), (letter.Account, letter.CheckpointName, letter.Attempts, letter.Batch.Checkpoint.Ts));
        Assert.Equal(["message_new 7/2"], letter.EventIdentities);
        Assert.IsType<InvalidOperationException>(letter.Error);
        Assert.Equal([1L, 2L, 3L], store.Saved.Select(c => c.Ts)); // the dead letter's checkpoint saved: the account went on
        Assert.Equal(3, observer.Failures); // retried three times, then given up
        Assert.Equal(1, observer.DeadLettered);
    }

    [Fact]
    public async Task RetryForever_HandsTheBatchOverUntilTheHandlerTakesIt()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "x"));
        var failures = 0;
        var handler = new FuncHandler(_ => ++failures <= 7 ? throw new TimeoutException() : ValueTask.CompletedTask);

        await RunUntilAsync(new AccountEngine(source, handler, Options(store, HandlerFailurePolicy.RetryForever, attempts: 2)), source.Drained.Task);

        Assert.Equal(Enumerable.Range(1, 8).Select(a => (1L, a)), handler.Seen);
        Assert.Equal([1L], store.Saved.Select(c => c.Ts));
    }

    [Fact]
    public async Task StopAccount_EndsTheRunWithTheHandlersException_AndLeavesTheBatchUnsaved()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "ok"), Batch(2, "bad"));
        var handler = new FuncHandler(b => b.Checkpoint.Ts == 2 ? throw new FormatException("bad") : ValueTask.CompletedTask);
        var engine = new AccountEngine(source, handler, Options(store, HandlerFailurePolicy.StopAccount, attempts: 2));

        using var bound = new CancellationTokenSource(Bound);
        var thrown = await Assert.ThrowsAsync<FormatException>(() => engine.RunAsync(bound.Token));

        Assert.Equal("bad", thrown.Message);
        Assert.Equal([(1L, 1), (2L, 1), (2L, 2)], handler.Seen);
        Assert.Equal([1L], store.Saved.Select(c => c.Ts));
    }

    [Fact]
    public async Task AFencedCheckpoint_EndsTheRunAtOnce_NeitherRetriedNorDeadLettered()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "x"));
        var handler = new FuncHandler(_ => throw new CheckpointFencedException("alice", 1, 2));
        var sink = new ListSink();
        var options = Options(store);
        options.DeadLetterSinks = [sink];

        using var bound = new CancellationTokenSource(Bound);
        await Assert.ThrowsAsync<CheckpointFencedException>(() => new AccountEngine(source, handler, options).RunAsync(bound.Token));

        Assert.Equal([(1L, 1)], handler.Seen);
        Assert.Empty(sink.Letters);
        Assert.Empty(store.Saved);
    }

    [Fact]
    public async Task CommitWithEffects_WritesTheEffectsAndTheCheckpointOnce()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"), Batch(2, "b"));
        var handler = new FuncHandler(async b =>
        {
            await b.CommitAsync<List<string>>(tx =>
            {
                tx.Add($"effect {b.Checkpoint.Ts}");
                return Task.CompletedTask;
            }, CancellationToken.None);
            Assert.True(b.IsCommitted);
            await Assert.ThrowsAsync<InvalidOperationException>(() => b.CommitAsync(CancellationToken.None).AsTask());
        });

        await RunUntilAsync(new AccountEngine(source, handler, Options(store)), source.Drained.Task);

        Assert.Equal(["effect 1", "effect 2"], store.Committed);
        Assert.Equal([1L, 2L], store.Saved.Select(c => c.Ts)); // once each: the engine did not save again
    }

    [Fact]
    public async Task CommitWithEffects_OnAStoreWithoutThatTransaction_IsRefusedPlainly()
    {
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"));
        var handler = new FuncHandler(async b => await b.CommitAsync<System.Text.StringBuilder>(null, CancellationToken.None));

        using var bound = new CancellationTokenSource(Bound);
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() =>
            new AccountEngine(source, handler, Options(new InMemoryCheckpointStore(), HandlerFailurePolicy.StopAccount, attempts: 1)).RunAsync(bound.Token));
        Assert.Contains("has no transactions of StringBuilder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByHandler_TheEngineNeverSavesAfterAHandledBatch()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"), Batch(2, "b"));
        var handler = new FuncHandler(b =>
        {
            b.MarkCommitted();
            return ValueTask.CompletedTask;
        });
        var options = Options(store);
        options.CheckpointSaving = CheckpointSaving.ByHandler;

        await RunUntilAsync(new AccountEngine(source, handler, options), source.Drained.Task);

        Assert.Empty(store.Saved);
        Assert.Equal([(1L, 1), (2L, 1)], handler.Seen);
    }

    [Fact]
    public async Task AStopWhileABatchKeepsFailing_LeavesItUnsaved_SoTheNextRunGetsItAgain()
    {
        var store = new CountingStore();
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"));
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FuncHandler(_ =>
        {
            failed.TrySetResult();
            throw new TimeoutException();
        });
        var options = Options(store, HandlerFailurePolicy.RetryForever);
        options.Backoff = new RetryBackoff(TimeSpan.FromHours(1), TimeSpan.FromHours(1));

        await RunUntilAsync(new AccountEngine(source, handler, options), failed.Task);

        Assert.Empty(store.Saved);
        Assert.Equal([(1L, 1)], handler.Seen);
    }

    [Fact]
    public async Task EveryAttempt_GetsADiScopeOfItsOwn_DisposedAfterIt()
    {
        var scopes = new CountingScopes();
        var source = new FakeUpdateSource("vk-1", Batch(1, "a"));
        var attempt = 0;
        var seenServices = new List<IServiceProvider>();
        var handler = new FuncHandler(b =>
        {
            seenServices.Add(b.Services);
            return ++attempt < 3 ? throw new TimeoutException() : ValueTask.CompletedTask;
        });
        var options = Options(new CountingStore());
        options.Scopes = scopes;

        await RunUntilAsync(new AccountEngine(source, handler, options), source.Drained.Task);

        Assert.Equal(3, scopes.Created);
        Assert.Equal(3, scopes.Disposed);
        Assert.Equal(3, seenServices.Distinct().Count());
    }

    private static async Task RunUntilAsync(AccountEngine engine, Task condition)
    {
        using var stop = new CancellationTokenSource();
        var run = engine.RunAsync(stop.Token);
        await Task.WhenAny(condition, run).WaitAsync(Bound);
        await stop.CancelAsync();
        await run.WaitAsync(Bound); // a stop is a clean end, not an exception
    }
}
