using System.Collections.Concurrent;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport;

namespace VkLongPoll.IntegrationTests;

/// <summary>Faults aimed at one account, and awaited rather than polled for.</summary>
public sealed class FaultTargetingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AFaultForOneAccount_HitsOnlyThatAccount_AndCanBeAwaited()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 44, Accounts = 2 });
        var statuses = new[] { new ConcurrentQueue<LongPollStatus>(), new ConcurrentQueue<LongPollStatus>() };
        var sessions = new LongPollClient[2];
        using var bound = new CancellationTokenSource(Bound);
        var reading = new Task[2];
        for (var i = 0; i < 2; i++)
        {
            var options = SessionTests.Options(emulator, emulator.Tokens[i]);
            var mine = statuses[i];
            options.OnStatus = mine.Enqueue;
            sessions[i] = new LongPollClient(options, LongPollHttp.CreateClient(emulator.CreateTrustingHandler()));
            var session = sessions[i];
            reading[i] = Task.Run(async () =>
            {
                await foreach (var e in session.ReadEventsAsync(null, bound.Token))
                {
                    _ = e;
                }
            });
        }

        await Poll.UntilAsync(() => sessions.All(s => s.Checkpoint is not null), Bound, "both sessions have started");
        var before = emulator.Faults.Injected.GetValueOrDefault(FaultKind.Failed2);
        emulator.Faults.EnqueueFor(emulator.UserIds[1], FaultKind.Failed2, 1);
        await emulator.Faults.WhenInjectedAsync(FaultKind.Failed2, before + 1, bound.Token);
        await Poll.UntilAsync(() => statuses[1].Any(s => s is LongPollRecoveryFinished), Bound, "the second account took a new key");

        Assert.DoesNotContain(statuses[0], s => s is LongPollRecoveryStarted);
        Assert.Equal(before + 1, emulator.Faults.Injected[FaultKind.Failed2]);
        await bound.CancelAsync();
        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }

        await Task.WhenAll(reading.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
