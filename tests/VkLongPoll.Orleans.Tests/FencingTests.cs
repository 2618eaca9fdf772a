using Microsoft.Extensions.Logging.Abstractions;
using VkLongPoll.Testing;

namespace VkLongPoll.Orleans.Tests;

/// <summary>
/// Orleans can briefly run two activations of one grain while its cluster is unstable. Forced here by running the grain's
/// session twice for one account: the later owner fences the earlier, which stops; nothing is delivered twice or lost.
/// </summary>
[Collection(StoreGroup.Name)]
public sealed class FencingTests(TestStore redis)
{
    [Fact(Timeout = 120_000)]
    public async Task A_second_owner_fences_the_first_and_every_event_is_delivered_once()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 1, Seed = 17, ApiCallsPerSecond = 0 });
        var prefix = $"fencing-{Guid.NewGuid():N}:";
        var accounts = new EmulatedAccounts(emulator, redis.Connection, prefix);
        var store = new RedisCheckpointStore(redis.Connection, prefix);
        await store.InitializeAsync(EmulatedAccounts.Name(0), accounts.StartHere(0));
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        AccountSession Session(string owner) =>
            new(EmulatedAccounts.Name(0), owner, silo: null, store, new EmulatorDirectory(accounts), new RecordingHandler(new DeliveryLists(accounts.Prefix)), new Engine.AccountEngineOptions(), http, NullLogger.Instance);

        using var emitting = new CancellationTokenSource();
        var emit = EmulatorTraffic.EmitAsync(emulator, 1, 17, emitting.Token);
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = Session("first");
        var firstRun = first.RunAsync(stopFirst.Token, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(first.Delivered >= 3), TimeSpan.FromSeconds(60), "the first owner delivers");

        var second = Session("second");
        var secondRun = second.RunAsync(stopSecond.Token, CancellationToken.None);
        await Poll.UntilAsync(() => Task.FromResult(firstRun.IsCompleted && second.Delivered >= 3), TimeSpan.FromSeconds(60), "the second owner takes over");
        Assert.Equal(AccountSessionEnd.Fenced, await firstRun);
        Assert.True(second.Lease!.Epoch > first.Lease!.Epoch);

        await emitting.CancelAsync();
        await emit;
        await Poll.UntilAsync(() => accounts.CaughtUpAsync(store, 0), TimeSpan.FromSeconds(60), "the second owner catches up");
        await stopSecond.CancelAsync();
        Assert.Equal(AccountSessionEnd.Stopped, await secondRun);

        var (expected, lost, duplicated, reordered) = await accounts.CompareAsync(0);
        Assert.True(expected >= 10, $"only {expected} persistent events were emitted");
        Assert.Equal((0, 0, 0), (lost, duplicated, reordered));
    }
}
