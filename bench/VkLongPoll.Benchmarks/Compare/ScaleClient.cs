using System.Collections.Concurrent;
using System.Globalization;
using VkLongPoll.Events;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--scale-client API_URL CA_PEM TOKENS_FILE</c>: one process holding a session per token (a
/// <see cref="LongPollPool"/>), measured from outside by <see cref="ScaleRun"/>. Talks over stdin/stdout:
/// prints "baseline" and waits for "go"; prints "connected SECONDS" once every session polls; on
/// "check TOTAL" prints what it received of the messages "scale 0" … "scale TOTAL-1".
/// </summary>
internal static class ScaleClient
{
    public static async Task RunAsync(string apiUrl, string caPemPath, string tokensFile)
    {
        var tokens = await File.ReadAllLinesAsync(tokensFile);
        using var handler = LongPollHttp.CreateHandler(caPemPath);
        Console.WriteLine("baseline");
        if (await Console.In.ReadLineAsync() != "go")
        {
            return;
        }

        var options = tokens.Select(token => new LongPollClientOptions { AccessToken = token, ApiBaseUrl = new Uri(apiUrl), ApiCallsPerSecond = 0 });
        await using var pool = new LongPollPool(options, handler);
        var indexes = new Dictionary<LongPollClient, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < pool.Clients.Count; i++)
        {
            indexes[pool.Clients[i]] = i;
        }

        // Message number → how many times it arrived; and arrivals at a session other than the one it was sent to.
        var received = new ConcurrentDictionary<long, int>();
        var misrouted = 0;
        var allNewMessages = 0L; // every message_new, warm-up included, to compare with the emulator's journal
        using var stop = new CancellationTokenSource();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var running = pool.RunAsync((client, update, _) =>
        {
            if (update is MessageNewEvent)
            {
                Interlocked.Increment(ref allNewMessages);
            }

            if (update is MessageNewEvent { Message.Text: ['s', 'c', 'a', 'l', 'e', ' ', .. var number] })
            {
                var sequence = long.Parse(number, CultureInfo.InvariantCulture);
                received.AddOrUpdate(sequence, 1, (_, seen) => seen + 1);
                if (sequence % tokens.Length != indexes[client])
                {
                    Interlocked.Increment(ref misrouted);
                }
            }

            return ValueTask.CompletedTask;
        }, stop.Token);

        while (pool.Clients.Any(client => client.Checkpoint is null))
        {
            await Task.Delay(100);
        }

        Console.WriteLine($"connected {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
        while (await Console.In.ReadLineAsync() is { } command)
        {
            if (command == "memory")
            {
                // What of the RSS is the managed heap (after a full collection) and what the GC holds committed.
                var heapBefore = GC.GetGCMemoryInfo();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine($"memory heap={GC.GetTotalMemory(false)} committed={info.TotalCommittedBytes} committed_before={heapBefore.TotalCommittedBytes}");
            }
            else if (command.StartsWith("check ", StringComparison.Ordinal))
            {
                var total = long.Parse(command[6..], CultureInfo.InvariantCulture);
                long missed = 0, duplicated = 0;
                for (var sequence = 0L; sequence < total; sequence++)
                {
                    var seen = received.GetValueOrDefault(sequence);
                    missed += seen == 0 ? 1 : 0;
                    duplicated += Math.Max(0, seen - 1);
                }

                Console.WriteLine($"result received={received.Values.Sum()} missed={missed} duplicated={duplicated} misrouted={misrouted} failed_sessions={pool.Failures.Count} all_new_messages={Interlocked.Read(ref allNewMessages)}");
            }
        }

        await stop.CancelAsync();
        await running;
    }
}
