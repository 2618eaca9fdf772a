using System.Diagnostics;
using VkLongPoll.Testing;

namespace VkLongPoll.Benchmarks;

/// <summary>Session figures that are not micro-benchmarks: memory per idle session, recovery time for a gap.</summary>
internal static class SessionFigures
{
    /// <summary>N idle sessions (one account each, wait=25) in one process; managed heap and working set per session.</summary>
    public static async Task IdleSessionsAsync(int count)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = count, ApiCallsPerSecond = 0 });
        var (heapBefore, setBefore) = Measure();
        var options = emulator.Tokens.Select(token => new LongPollClientOptions { AccessToken = token, ApiBaseUrl = emulator.ApiUrl, ApiCallsPerSecond = 0, Wait = 25 });
        await using var pool = new LongPollPool(options, emulator.CreateTrustingHandler());
        using var stop = new CancellationTokenSource();
        var running = pool.RunAsync((_, _, _) => ValueTask.CompletedTask, stop.Token);
        var clock = Stopwatch.StartNew();
        while (pool.Clients.Any(c => c.Checkpoint is null) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000); // every session now holds a poll
        var (heapAfter, setAfter) = Measure();
        Console.WriteLine($"{count} idle sessions connected in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"managed heap per session: {(heapAfter - heapBefore) / (double)count / 1024:F1} KB; working set per session: {(setAfter - setBefore) / (double)count / 1024:F1} KB");
        Console.WriteLine("(client and the in-process emulator's server side together: an upper bound for the client alone)");
        await stop.CancelAsync();
        await running;
    }

    /// <summary>A session stops, <paramref name="gap"/> messages arrive, it restarts from its checkpoint: time until it has them all.</summary>
    public static async Task RecoveryAsync(int gap)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, JournalCapacity = Math.Max(200_000, gap * 3) });
        var store = new InMemoryCheckpointStore();
        var options = new LongPollClientOptions { AccessToken = emulator.Tokens[0], ApiBaseUrl = emulator.ApiUrl, ApiCallsPerSecond = 0, Wait = 1, CheckpointStore = store };
        using var http = new HttpClient(emulator.CreateTrustingHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        await using (var first = new LongPollClient(options, http))
        {
            using var once = new CancellationTokenSource();
            await foreach (var _ in first.ReadBatchesAsync(null, once.Token))
            {
                await store.SaveAsync(first.Name, first.Checkpoint ?? _.Checkpoint);
                break;
            }
        }

        var random = new Random(1);
        while (emulator.Position(0).Pts - (await store.LoadAsync("vk-" + TokenRateLimiter.TokenId(emulator.Tokens[0])))!.Pts < gap)
        {
            emulator.EmitScenario(0, random, 100);
        }

        var target = emulator.Position(0);
        var clock = Stopwatch.StartNew();
        long events = 0;
        await using var second = new LongPollClient(options, http);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await foreach (var batch in second.ReadBatchesAsync(await store.LoadAsync(second.Name), bound.Token))
        {
            events += batch.Events.Count;
            if (batch.Checkpoint.Pts >= target.Pts && batch.Checkpoint.Key is not null)
            {
                break;
            }
        }

        Console.WriteLine($"recovered a gap of {target.Pts - (await store.LoadAsync(second.Name))!.Pts} persistent events ({events} events delivered) in {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
