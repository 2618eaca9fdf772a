using VkLongPoll.Events;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--latency-client API_URL CA_PEM TOKEN</c>: our end of the latency comparison, in its own process like
/// vk-io's. Stamps every "lat N" message as the consumer receives it; prints "ready" once polling, and the
/// stamps ("N UNIX_MICROS") when stdin closes.
/// </summary>
internal static class LatencyClient
{
    public static async Task RunAsync(string apiUrl, string caPemPath, string token)
    {
        using var http = new HttpClient(LongPollHttp.CreateHandler(caPemPath)) { Timeout = Timeout.InfiniteTimeSpan };
        var options = new LongPollClientOptions { AccessToken = token, ApiBaseUrl = new Uri(apiUrl), ApiCallsPerSecond = 0 };
        await using var client = new LongPollClient(options, http);
        using var stop = new CancellationTokenSource();
        var stdinClosed = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            await stop.CancelAsync();
        });

        var received = new List<(long Sequence, long Micros)>(4096);
        var ready = false;
        try
        {
            await foreach (var batch in client.ReadBatchesAsync(null, stop.Token))
            {
                foreach (var update in batch.Events)
                {
                    if (update is MessageNewEvent { Message.Text: ['l', 'a', 't', ' ', .. var sequence] })
                    {
                        received.Add((long.Parse(sequence, System.Globalization.CultureInfo.InvariantCulture), ChildProcess.UnixMicros()));
                    }
                }

                if (!ready)
                {
                    ready = true;
                    Console.WriteLine("ready");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        await stdinClosed;
        foreach (var (sequence, micros) in received)
        {
            Console.WriteLine($"{sequence} {micros}");
        }
    }
}
