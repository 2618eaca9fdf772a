using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>The library's VK API client against the emulator: rate limits, captcha, errors.</summary>
public sealed class ApiClientTests
{
    [Fact]
    public async Task TooManyRequests_Error6_IsRetriedUntilItPasses()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 3 });
        using var http = new HttpClient(emulator.CreateTrustingHandler());
        // No limit on our side, so the server's error 6 has to be handled.
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0, MaxRetries = 10 }, http);

        var servers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.GetLongPollServerAsync(19)));

        Assert.All(servers, s => Assert.Matches("^[0-9a-f]{40}$", s.Key));
    }

    [Fact]
    public async Task OwnRateLimit_PacesCallsUnderTheServersLimit()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 3 });
        using var http = new HttpClient(emulator.CreateTrustingHandler());
        // One retry is allowed for a rare scheduling hiccup; without the limiter every fourth call would fail.
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 3, MaxRetries = 1 }, http);

        for (var i = 0; i < 7; i++)
        {
            await api.GetLongPollServerAsync(19);
        }
    }

    [Fact]
    public async Task Captcha_IsAskedAndAnswered_ThenTheCallGoesThrough()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1 });
        VkCaptcha? asked = null;
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions
        {
            BaseUrl = emulator.ApiUrl,
            CallsPerSecond = 0,
            CaptchaHandler = (captcha, _) =>
            {
                asked = captcha;
                return ValueTask.FromResult<string?>("answer");
            },
        }, client.Http);

        var server = await api.GetLongPollServerAsync(19);

        Assert.Equal("239633676097", asked?.Sid);
        Assert.NotEmpty(server.Key);
    }

    [Fact]
    public async Task Captcha_WithoutAHandler_IsVkCaptchaException()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1 });
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0 }, client.Http);

        var e = await Assert.ThrowsAsync<VkCaptchaException>(() => api.GetLongPollServerAsync(19));

        Assert.Equal(14, e.ErrorCode);
        Assert.DoesNotContain(emulator.Tokens[0], e.Message, StringComparison.Ordinal);
    }
}
