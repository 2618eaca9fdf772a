using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Testing;

namespace VkLongPoll.Orleans.Tests;

/// <summary>
/// A handler in the cluster that cannot take one message: the engine under the lease gives the batch up after its
/// attempts (saving its checkpoint, fenced) and the account goes on — it no longer restarts on that batch for ever.
/// </summary>
[Collection(StoreGroup.Name)]
public sealed class DeadLetterTests(TestStore redis)
{
    [Fact(Timeout = 120_000)]
    public async Task APoisonMessage_IsDeadLetteredUnderTheLease_AndALaterMessageIsCommittedWithItsEffects()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 1, Seed = 19, ApiCallsPerSecond = 0 });
        var prefix = $"deadletter-{Guid.NewGuid():N}:";
        var accounts = new EmulatedAccounts(emulator, redis.Connection, prefix);
        var store = new RedisCheckpointStore(redis.Connection, prefix);
        var account = EmulatedAccounts.Name(0);
        await store.InitializeAsync(account, accounts.StartHere(0));
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        var handler = new PoisonAverse(prefix);
        var sink = new Letters();
        var session = new AccountSession(account, "owner", silo: null, store, new EmulatorDirectory(accounts), handler, new AccountEngineOptions
        {
            HandlerAttempts = 3,
            DeadLetterSinks = [sink],
        }, http, NullLogger.Instance);

        using var stop = new CancellationTokenSource();
        var run = session.RunAsync(stop.Token, CancellationToken.None);
        using var control = emulator.CreateControlClient();
        await control.SendMessageAsync("poison");
        await sink.Given.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await control.SendMessageAsync("after");
        await Poll.UntilAsync(async () => (await redis.Connection.GetDatabase().ListRangeAsync(handler.List)).Any(v => v == "after"), TimeSpan.FromSeconds(60), "the later message is committed");
        await stop.CancelAsync();

        Assert.Equal(AccountSessionEnd.Stopped, await run);
        var letter = Assert.Single(sink.All);
        Assert.Equal(3, letter.Attempts);
        Assert.Contains(letter.Batch.Events.OfType<MessageNewEvent>(), e => e.Message.Text == "poison");
        Assert.DoesNotContain(await redis.Connection.GetDatabase().ListRangeAsync(handler.List), v => v == "poison");
        // The dead letter's checkpoint was saved under the lease: the account's checkpoint is past it.
        Assert.True((await store.LoadAsync(account))!.Ts >= letter.Batch.Checkpoint.Ts);
    }

    /// <summary>Commits each message's text with the checkpoint, exactly once; cannot take "poison".</summary>
    private sealed class PoisonAverse(string prefix) : IAccountBatchHandler
    {
        public RedisKey List { get; } = prefix + "texts";

        public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            var texts = batch.Events.OfType<MessageNewEvent>().Select(e => e.Message.Text ?? string.Empty).ToList();
            if (texts.Contains("poison"))
            {
                throw new InvalidDataException("this handler cannot take poison");
            }

            var values = texts.Select(t => (RedisValue)t).ToArray();
            await batch.CommitAsync<ITransaction>(values.Length == 0 ? null : tx => tx.ListRightPushAsync(List, values), cancellationToken);
        }
    }

    private sealed class Letters : IDeadLetterSink
    {
        public List<DeadLetter> All { get; } = [];

        public TaskCompletionSource Given { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask DeadLetterAsync(DeadLetter letter, CancellationToken cancellationToken)
        {
            lock (All)
            {
                All.Add(letter);
            }

            Given.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
