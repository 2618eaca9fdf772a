using System.Collections.Concurrent;
using VkLongPoll.Testing;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>Many sessions in one process over one HttpClient.</summary>
public sealed class PoolTests
{
    [Fact]
    public async Task Pool_EachSessionGetsItsOwnAccountsEvents_ABadTokenFailsAlone()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 30, ApiCallsPerSecond = 0 });
        // Each session says when it has started (it has its starting checkpoint): the messages are sent only then.
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = emulator.Tokens.Append("bad-token").Select(token => new LongPollClientOptions
        {
            AccessToken = token,
            ApiBaseUrl = emulator.ApiUrl,
            ApiCallsPerSecond = 0,
            Wait = 2,
            OnStatus = status =>
            {
                if (status is LongPollStarted && Interlocked.Increment(ref started) == 30)
                {
                    allStarted.TrySetResult();
                }
            },
        });
        await using var pool = new LongPollPool(options, emulator.CreateTrustingHandler());
        var received = new ConcurrentDictionary<string, string>();
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var running = pool.RunAsync((client, e, _) =>
        {
            if (e is MessageNewEvent { Message.Text: { } text })
            {
                received[client.Name] = text;
                if (received.Count == 30)
                {
                    allReceived.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        }, stop.Token);
        await allStarted.Task.WaitAsync(stop.Token);
        Assert.All(pool.Clients.Take(30), c => Assert.NotNull(c.Checkpoint));
        for (var i = 0; i < 30; i++)
        {
            using var client = new EmulatorClient(emulator, i);
            await client.ControlAsync("send", new { text = $"for {i}" });
        }

        await allReceived.Task.WaitAsync(stop.Token);
        await stop.CancelAsync();
        await running;

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal($"for {i}", received[pool.Clients[i].Name]);
        }

        Assert.IsType<VkAuthorizationException>(Assert.Single(pool.Failures).Value);
    }
}
