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

    [Theory]
    [InlineData("messages.send", 10, false, false)] // VK may have sent it: a second send is a second message
    [InlineData("messages.send", 1, false, false)]
    [InlineData("messages.edit", 36, false, false)]
    [InlineData("messages.send", 6, false, true)] // refused before it ran: safe to send again
    [InlineData("users.get", 10, false, true)] // a read: safe to ask again
    [InlineData("messages.send", 10, true, true)] // with a random_id VK keeps one message however often it comes: safe
    public async Task AFailureWithAnUnknownOutcome_IsNeverRetriedForAMethodThatChangesState(string method, int errorCode, bool withRandomId, bool retried)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = errorCode, count = 1, method });
        using var http = new HttpClient(emulator.CreateTrustingHandler());
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0, MaxRetries = 3 }, http);
        var before = emulator.ApiCalls.GetValueOrDefault(method);

        try
        {
            await api.CallAsync(method, [new("peer_id", "1"), new("message", "hi"), new("random_id", withRandomId ? "12345" : "0"), new("user_ids", "1")]);
        }
        catch (VkApiException e)
        {
            // Not retried: the injected error itself; retried: whatever the method answers next (this emulator has no messages.send yet).
            Assert.Equal(retried, e.ErrorCode != errorCode);
        }

        Assert.Equal(retried ? 2 : 1, emulator.ApiCalls.GetValueOrDefault(method) - before);
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
    public async Task Captcha2025_TheHandlersSuccessTokenIsSent_AndTheCallGoesThrough()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1 });
        var asked = new List<VkCaptcha>();
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions
        {
            BaseUrl = emulator.ApiUrl,
            CallsPerSecond = 0,
            CaptchaHandler = async (captcha, ct) =>
            {
                // The person opens redirect_uri and passes the captcha; the page gives the success_token.
                asked.Add(captcha);
                using var page = System.Text.Json.JsonDocument.Parse(await client.Http.GetStringAsync(new Uri(captcha.RedirectUri!), ct));
                return page.RootElement.GetProperty("success_token").GetString();
            },
        }, client.Http);

        var server = await api.GetLongPollServerAsync(19);

        var captcha = Assert.Single(asked);
        Assert.True(captcha.NeedsSuccessToken);
        Assert.NotNull(captcha.Sid);
        Assert.NotNull(captcha.Remixstlid);
        Assert.NotEmpty(server.Key);
    }

    [Fact]
    public async Task LegacyCaptcha_IsAnsweredWithSidAndKey()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1, legacy = true });
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions
        {
            BaseUrl = emulator.ApiUrl,
            CallsPerSecond = 0,
            CaptchaHandler = (captcha, _) => ValueTask.FromResult<string?>(captcha.NeedsSuccessToken ? null : "x7k2"),
        }, client.Http);

        var server = await api.GetLongPollServerAsync(19);

        Assert.NotEmpty(server.Key);
    }

    [Fact]
    public async Task Captcha_AHandlerWhoseAnswersDoNotPass_IsAskedThreeTimes_ThenVkCaptchaException()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 14, count = 1 });
        var captcha = new CountingCaptchaHandler("a guess");
        using var api = captcha.Client(emulator, client);

        var e = await Assert.ThrowsAsync<VkCaptchaException>(() => api.GetLongPollServerAsync(19));

        Assert.Equal(3, captcha.Asked);
        Assert.NotNull(e.Captcha.RedirectUri);
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

    [Fact]
    public async Task ValidationRequired_IsATypedErrorWithThePage_NeverRetried()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await client.ControlAsync("api_faults", new { error_code = 17, count = 1 });
        var captcha = new CountingCaptchaHandler("x");
        using var api = captcha.Client(emulator, client);

        var e = await Assert.ThrowsAsync<VkValidationException>(() => api.GetLongPollServerAsync(19));

        Assert.Equal(0, captcha.Asked);
        Assert.StartsWith(emulator.BaseUri.ToString(), e.RedirectUri, StringComparison.Ordinal);
        // The next call goes through: nothing was retried in a loop behind the caller's back.
        Assert.NotEmpty((await api.GetLongPollServerAsync(19)).Key);
    }

    [Fact]
    public async Task TokenWithoutMessages_IsVkAccessDeniedException_WithAnExplanation()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        using var api = new VkApiClient(emulator.IssueToken(messagesAccess: false), new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0 }, client.Http);

        var e = await Assert.ThrowsAsync<VkAccessDeniedException>(() => api.GetLongPollServerAsync(19));

        Assert.Equal("messages.getLongPollServer", e.Method);
        Assert.StartsWith("this token has no access to messages", e.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryCall_SaysWhoIsCalling_InItsUserAgent()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, CallsPerSecond = 0 }, client.Http);

        await api.GetLongPollServerAsync(19);

        Assert.Equal(LongPollHttp.UserAgent, emulator.LastUserAgent);
        Assert.Matches(@"^VkLongPoll/\d+\.\d+\.\d+ \(\+https://", emulator.LastUserAgent);
    }

    /// <summary>A captcha handler that always gives the same answer and counts how often it was asked.</summary>
    private sealed class CountingCaptchaHandler(string answer)
    {
        public int Asked { get; private set; }

        /// <summary>An API client of the emulator's first account that asks this handler.</summary>
        public VkApiClient Client(VkEmulator emulator, EmulatorClient client) =>
            new(emulator.Tokens[0], new VkApiClientOptions
            {
                BaseUrl = emulator.ApiUrl,
                CallsPerSecond = 0,
                CaptchaHandler = (_, _) =>
                {
                    Asked++;
                    return ValueTask.FromResult<string?>(answer);
                },
            }, client.Http);
    }
}
