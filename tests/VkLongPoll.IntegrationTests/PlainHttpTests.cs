using VkLongPoll.Testing;
using VkLongPoll.Events;

namespace VkLongPoll.IntegrationTests;

/// <summary>The emulator with <c>PlainHttp</c>: the server address carries its scheme, and everything else works the same.</summary>
public sealed class PlainHttpTests
{
    [Fact]
    public async Task PlainHttp_ServerHasHttpScheme_AndPollingWorks()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { PlainHttp = true, ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);

        var (server, key, ts, _) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "over http" });
        var response = TestDecoder.Response(await client.CheckAsync(server, key, ts));

        Assert.StartsWith("http://127.0.0.1:", server, StringComparison.Ordinal);
        Assert.Null(emulator.CertificatePemPath);
        Assert.Contains(response.Updates, e => e is MessageNewEvent { Message.Text: "over http" });
    }
}
