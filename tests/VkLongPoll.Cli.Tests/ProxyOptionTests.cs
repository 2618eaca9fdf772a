using VkLongPoll.Cli.Commands;

namespace VkLongPoll.Cli.Tests;

/// <summary>`--proxy` takes the proxies people have (plain http:// on their network); `--api-url` still gets the token only over TLS or on loopback.</summary>
public sealed class ProxyOptionTests
{
    [Theory]
    [InlineData("http://proxy.corp:3128")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("https://proxy.example.org:443")]
    [InlineData("http://127.0.0.1:8888")]
    public void AnyHttpProxy_IsAccepted(string proxy)
    {
        var parse = WatchCommand.Create().Parse(["--proxy", proxy]);

        Assert.Empty(parse.Errors);
    }

    [Fact]
    public void PlainHttpApiUrl_OffThisMachine_IsStillRefused()
    {
        var parse = WatchCommand.Create().Parse(["--api-url", "http://api.vk.com/method"]);

        Assert.Contains(parse.Errors, e => e.Message.StartsWith("--api-url: plain http:// only to this machine", StringComparison.Ordinal));
    }
}
