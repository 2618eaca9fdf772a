using System.Collections.Concurrent;
using System.Net;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.IntegrationTests;

/// <summary>Where real VK is harder than a kind server: each behaviour modelled in the emulator first (docs/tokens.md, docs/emulator.md), then met by the session.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class RealVkTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TokenWithoutMessagesAccess_StopsTheSession_WithATypedExplainedError()
    {
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, fixture.Emulator.IssueToken(messagesAccess: false));
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var e = await Assert.ThrowsAsync<VkAccessDeniedException>(() => ReadAllAsync(session, CancellationToken.None));

        Assert.Equal("messages.getLongPollServer", e.Method);
        Assert.Equal(LongPollStopReason.AccessDenied, Assert.IsType<LongPollStopped>(Assert.Single(statuses)).Reason);
    }

    [Fact]
    public async Task VkIdTokenThatExpiresMidStream_IsRenewed_AndNothingIsLostOrRepeated()
    {
        // The emulator's clock is a fake one: two hours pass when the test says so, and VK's tokens and keys expire.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 31, TimeProvider = clock });
        using var client = new EmulatorClient(emulator);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var vkId = new VkIdClient(emulator.VkIdAppId, emulator.VkIdUrl, http);
        var tokens = await SignInAsync(vkId, emulator);
        var saved = new List<VkIdTokens>();
        // The source's own clock stands still: only VK's "access_token has expired" can make it renew.
        var source = new VkIdTokenSource(tokens, vkId, (renewed, _) =>
        {
            saved.Add(renewed);
            return ValueTask.CompletedTask;
        }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var options = SessionTests.Options(emulator, "unused");
        options.AccessToken = string.Empty;
        options.TokenSource = source;
        await using var session = new LongPollClient(options, http);

        var texts = await SessionTests.ReadMessagesAsync(session, client, 3, async () =>
        {
            await client.ControlAsync("send", new { text = "one" });
            clock.Advance(TimeSpan.FromHours(2)); // the access token (an hour) and the Long Poll key (an hour) expire
            await client.ControlAsync("send", new { text = "two" });
            await client.ControlAsync("faults", new { fault = "failed_1" }); // history needs an API call too
            await client.ControlAsync("send", new { text = "three" });
        });

        Assert.Equal(["one", "two", "three"], texts);
        Assert.True(source.Renewals >= 1, "the token was never renewed");
        Assert.Equal(source.Renewals, saved.Count);
        Assert.Equal(source.Tokens, saved[^1]);
        Assert.True(emulator.VkIdCounts.Refreshed >= 1);
        Assert.Equal("vk-user" + emulator.UserIds[0], session.Name); // the checkpoint name survives renewals
    }

    [Fact]
    public async Task RestartFromACheckpointOlderThanADay_RecoversFromPts_NeverSpins()
    {
        // Every ts with events after it counts as older than a day: sent to getLongPollHistory, it would be error 10.
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 32, HistoryTsLifetime = TimeSpan.Zero });
        using var client = new EmulatorClient(emulator);
        var (_, _, ts, pts) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "while away 1" });
        await client.ControlAsync("send", new { text = "while away 2" });
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        var texts = new List<string>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, null, null, 19), bound.Token))
        {
            if (e is Events.MessageNewEvent m)
            {
                texts.Add(m.Message.Text!);
                if (texts.Count == 2)
                {
                    break;
                }
            }
        }

        Assert.Equal(["while away 1", "while away 2"], texts);
        Assert.DoesNotContain(statuses, s => s is LongPollRetrying);
    }

    [Theory]
    [InlineData(990, 1, LongPollResyncReason.DeviceCacheDropped)]
    [InlineData(907, 1, LongPollResyncReason.HistoryTooOld)]
    [InlineData(36, 5, LongPollResyncReason.HistoryRefused)]
    [InlineData(100, 3, LongPollResyncReason.HistoryRefused)]
    [InlineData(927, 3, LongPollResyncReason.HistoryRefused)]
    public async Task HistoryThatVkWillNotGive_IsAResync_ReportedThroughTheStatus(int errorCode, int count, LongPollResyncReason reason)
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = status =>
        {
            statuses.Enqueue(status);
            if (status is LongPollResynced)
            {
                resynced.TrySetResult();
            }
        };
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, async () =>
        {
            await client.ControlAsync("api_faults", new { error_code = errorCode, count, method = "messages.getLongPollHistory" });
            await client.ControlAsync("faults", new { fault = "failed_1" });
            await client.ControlAsync("send", new { text = "lost in the gap" });
            // Only a message after the resync is sure to come: the session is told so by its own status.
            await resynced.Task.WaitAsync(Bound);
            await client.ControlAsync("send", new { text = "after the resync" });
        });

        Assert.Contains("after the resync", texts);
        var resync = Assert.Single(statuses.OfType<LongPollResynced>());
        Assert.Equal((reason, errorCode), (resync.Reason, resync.ApiErrorCode));
    }

    [Theory]
    [InlineData(10, 15)] // VK's outage: retried for as long as it lasts, the pts stays good
    [InlineData(36, 4)] // the method's own timeout, fewer times than it is given
    [InlineData(100, 2)]
    public async Task HistoryErrorsThatPass_AreRetried_AndEveryMessageOfTheGapComesOnce(int errorCode, int count)
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 3, async () =>
        {
            await client.ControlAsync("api_faults", new { error_code = errorCode, count, method = "messages.getLongPollHistory" });
            await client.ControlAsync("faults", new { fault = "failed_1" });
            await client.ControlAsync("send", new { text = "gap 1" });
            await client.ControlAsync("send", new { text = "gap 2" });
            await client.ControlAsync("send", new { text = "gap 3" });
        });

        Assert.Equal(["gap 1", "gap 2", "gap 3"], texts);
        Assert.DoesNotContain(statuses, s => s is LongPollResynced);
        Assert.Equal(count, statuses.OfType<LongPollRetrying>().Count(r => r.ApiErrorCode == errorCode));
        Assert.Single(statuses.OfType<LongPollRecoveryFinished>());
    }

    [Theory]
    [InlineData(HistoryPaging.ByNewPts)]
    [InlineData(HistoryPaging.ByMaxMessageId)]
    public async Task AGapLargerThanAPage_IsRecoveredWhole_UnderEitherReadingOfMore(HistoryPaging paging)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 33, HistoryPaging = paging });
        using var client = new EmulatorClient(emulator);
        var (_, _, ts, pts) = await client.LongPollServerAsync();
        // 520 messages and their unread counters: past msgs_limit (200) and events_limit (1000) both.
        const int Count = 520;
        for (var i = 0; i < Count; i++)
        {
            await client.ControlAsync("send", new { text = $"gap {i}" });
        }

        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        var texts = new List<string?>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, null, null, 19), bound.Token))
        {
            if (e is Events.MessageNewEvent m)
            {
                texts.Add(m.Message.Text);
                if (texts.Count == Count)
                {
                    break;
                }
            }
        }

        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"gap {i}"), texts);
        Assert.DoesNotContain(statuses, s => s is LongPollResynced);
    }

    [Fact]
    public async Task MoreThatNeverMovesNewPts_IsOneReportedResync_NotASpin_AndLiveMessagesGoOn()
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var resynced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = status =>
        {
            statuses.Enqueue(status);
            if (status is LongPollResynced)
            {
                resynced.TrySetResult();
            }
        };
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));
        var historyCalls = fixture.Emulator.ApiCalls.GetValueOrDefault("messages.getLongPollHistory");

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, async () =>
        {
            // VK would say "more" for ever: the emulator says it 30 times, more than a client may trust it.
            await client.ControlAsync("history_faults", new { fault = "stalled_more", count = 30 });
            await client.ControlAsync("faults", new { fault = "failed_1" });
            await client.ControlAsync("send", new { text = "lost in the gap" });
            await resynced.Task.WaitAsync(Bound);
            await client.ControlAsync("history_faults", new { fault = "stalled_more", count = 0 });
            await client.ControlAsync("send", new { text = "live after the resync" });
        });

        Assert.Contains("live after the resync", texts);
        var resync = Assert.Single(statuses.OfType<LongPollResynced>());
        Assert.Equal(LongPollResyncReason.PagingStalled, resync.Reason);
        Assert.True(fixture.Emulator.ApiCalls.GetValueOrDefault("messages.getLongPollHistory") - historyCalls <= 30, "paging went on past 30 calls");
    }

    [Fact]
    public async Task HistoryThatBeginsLaterThanAsked_IsReportedAsTruncation_AndTheRestOfTheGapComes()
    {
        using var client = fixture.NewClient();
        var (_, _, ts, pts) = await client.LongPollServerAsync();
        await client.ControlAsync("send", new { text = "gone 1" });
        await client.ControlAsync("send", new { text = "gone 2" });
        await client.ControlAsync("send", new { text = "kept" });
        await client.ControlAsync("history_faults", new { fault = "truncated", count = 4 }); // each message and its unread counter
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));
        using var bound = new CancellationTokenSource(Bound);

        // A restart without a key: the gap comes from history, which now begins four events (two messages) later.
        var texts = new List<string>();
        await foreach (var e in session.ReadEventsAsync(new LongPollCheckpoint(ts, pts, null, null, 19), bound.Token))
        {
            if (e is Events.MessageNewEvent m)
            {
                texts.Add(m.Message.Text!);
                break;
            }
        }

        Assert.Equal(["kept"], texts);
        var truncated = Assert.Single(statuses.OfType<LongPollResynced>());
        Assert.Equal(LongPollResyncReason.HistoryTruncated, truncated.Reason);
        Assert.Equal(pts, truncated.LostFromPts);
        Assert.Equal(pts + 4, truncated.NewPts);
        Assert.StartsWith($"VK's history begins at pts {pts + 4}", truncated.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitForTheMethod_Error29_WaitsTheLongestDelay_ThenGoesOn()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("api_faults", new { error_code = 29, count = 1, method = "messages.getLongPollServer" });
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "after 29" }));

        Assert.Equal(["after 29"], texts);
        var retry = Assert.Single(statuses.OfType<LongPollRetrying>());
        Assert.Equal((LongPollRetryReason.ApiError, 29), (retry.Reason, retry.ApiErrorCode));
        Assert.True(retry.Delay >= TimeSpan.FromMilliseconds(300), $"waited only {retry.Delay}");
    }

    [Fact]
    public async Task Failed4ForAnAcceptedVersion_AgainAndAgain_IsAskedAgainAfterAPause()
    {
        using var client = fixture.NewClient();
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(fixture.Emulator.CreateTrustingHandler()));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, async () =>
        {
            await client.ControlAsync("faults", new { fault = "failed_4", count = 3 });
            await client.ControlAsync("send", new { text = "after three failed 4" });
        });

        Assert.Equal(["after three failed 4"], texts);
        Assert.Equal([1, 2], statuses.OfType<LongPollRetrying>().Where(r => r.Reason == LongPollRetryReason.VersionRejected).Select(r => r.Attempt));
    }

    [Fact]
    public async Task ProxyOption_SendsEveryRequestThroughTheProxy()
    {
        await using var proxy = await TestProxy.StartAsync();
        using var client = fixture.NewClient();
        var options = SessionTests.Options(fixture.Emulator, client.Token);
        options.Proxy = new WebProxy(proxy.Url);
        // The session's own HttpClient (made with the proxy) trusts only the system's roots: trust the emulator's certificate for this test.
        var handler = LongPollHttp.CreateHandler(fixture.Emulator.CertificatePemPath, options.Proxy);
        await using var session = new LongPollClient(options, LongPollHttp.CreateClient(handler));

        var texts = await SessionTests.ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "through the proxy" }));

        Assert.Equal(["through the proxy"], texts);
        Assert.True(proxy.Tunnelled(fixture.Emulator.BaseUri.Port), "the proxy opened no tunnel to the emulator");
    }

    /// <summary>The VK ID sign-in as a browser would do it against the emulator: authorize, follow the redirect's query, exchange the code.</summary>
    internal static async Task<VkIdTokens> SignInAsync(VkIdClient vkId, VkEmulator emulator)
    {
        var authorization = vkId.BeginAuthorization(new Uri("http://127.0.0.1:9/callback"));
        var handler = emulator.CreateTrustingHandler();
        handler.AllowAutoRedirect = false;
        using var browser = new HttpClient(handler);
        using var answer = await browser.GetAsync(authorization.AuthorizeUrl);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var query = System.Web.HttpUtility.ParseQueryString(answer.Headers.Location!.Query);
        Assert.Equal(authorization.State, query["state"]);
        return await vkId.ExchangeCodeAsync(authorization, query["code"]!, query["device_id"]!);
    }

    private static async Task ReadAllAsync(LongPollClient session, CancellationToken cancellationToken)
    {
        await foreach (var e in session.ReadEventsAsync(cancellationToken: cancellationToken))
        {
            _ = e;
        }
    }
}
