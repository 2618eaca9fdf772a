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
        var options = emulator.Tokens.Append("bad-token").Select(token => new LongPollClientOptions
        {
            AccessToken = token,
            ApiBaseUrl = emulator.ApiUrl,
            ApiCallsPerSecond = 0,
            Wait = 2,
        });
        await using var pool = new LongPollPool(options, emulator.CreateTrustingHandler());
        var received = new ConcurrentDictionary<string, string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var running = pool.RunAsync((client, e, _) =>
        {
            if (e is MessageNewEvent { Message.Text: { } text })
            {
                received[client.Name] = text;
            }

            return ValueTask.CompletedTask;
        }, stop.Token);
        await WaitUntilAsync(() => pool.Clients.Take(30).All(c => c.Checkpoint is not null), stop.Token);
        for (var i = 0; i < 30; i++)
        {
            using var client = new EmulatorClient(emulator, i);
            await client.ControlAsync("send", new { text = $"for {i}" });
        }

        await WaitUntilAsync(() => received.Count == 30, stop.Token);
        await stop.CancelAsync();
        await running;

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal($"for {i}", received[pool.Clients[i].Name]);
        }

        Assert.IsType<VkAuthorizationException>(Assert.Single(pool.Failures).Value);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken bound)
    {
        while (!condition())
        {
            await Task.Delay(20, bound);
        }
    }
}
