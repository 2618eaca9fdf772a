using Microsoft.Extensions.Time.Testing;

namespace VkLongPoll.Tests.Session;

/// <summary>The pieces of the session that need no server: backoff, rate limit on a fake clock, options, secrets.</summary>
public sealed class SessionUnitTests
{
    [Theory]
    [InlineData(1, 750, 1250)]
    [InlineData(2, 1500, 2500)]
    [InlineData(4, 6000, 10000)]
    [InlineData(11, 22500, 37500)]
    [InlineData(1000, 22500, 37500)]
    public void Backoff_DoublesWithJitter_AndIsCapped(int attempt, double lowMs, double highMs)
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(backoff.DelayFor(attempt).TotalMilliseconds, lowMs, highMs);
        }
    }

    [Fact]
    public void Backoff_WithoutJitter_IsExact()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), useJitter: false);

        int[] attempts = [1, 2, 3, 4, 5, 100];
        Assert.Equal([100, 200, 400, 800, 1000, 1000], attempts.Select(a => backoff.DelayFor(a).TotalMilliseconds));
    }

    [Fact]
    public void RetryCause_NetworkFailures_AreClassifiedWithTheSocketsOwnWords()
    {
        var dns = new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (api.vk.com:443)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        var tls = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid"));
        var timeout = new HttpRequestException(HttpRequestError.Unknown, "users.get did not answer within 30 s", new TimeoutException("users.get did not answer within 30 s"));
        var status = new HttpRequestException("HTTP 502", null, System.Net.HttpStatusCode.BadGateway);

        Assert.Equal(LongPollRetryReason.NetworkUnreachable, RetryCause.Of(dns)!.Value.Reason);
        Assert.Equal(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound).Message, RetryCause.Of(dns)!.Value.Detail);
        Assert.Equal(LongPollRetryReason.NetworkUnreachable, RetryCause.Of(refused)!.Value.Reason);
        Assert.Equal(LongPollRetryReason.SecureConnectionFailed, RetryCause.Of(tls)!.Value.Reason);
        Assert.Equal("The remote certificate is invalid", RetryCause.Of(tls)!.Value.Detail);
        Assert.Equal(LongPollRetryReason.Timeout, RetryCause.Of(timeout)!.Value.Reason);
        Assert.Equal(502, RetryCause.Of(status)!.Value.HttpStatus);
        Assert.Equal(LongPollRetryReason.ApiError, RetryCause.Of(new VkApiException(10, "Internal server error"))!.Value.Reason);
        Assert.Null(RetryCause.Of(new VkAuthorizationException("User authorization failed")));
        Assert.Null(RetryCause.Of(new VkApiException(15, "Access denied")));
        Assert.Null(RetryCause.Of(new InvalidOperationException("a bug is not retried")));
    }

    [Fact]
    public void Status_Describe_IsOnePlainLine_WithoutSecrets()
    {
        var retrying = new LongPollRetrying(LongPollRetryReason.NetworkUnreachable, "api.vk.com", "messages.getLongPollServer", 3, TimeSpan.FromSeconds(8), "Name or service not known") { SessionName = "vk-1" };

        Assert.Equal("vk-1: cannot reach api.vk.com: Name or service not known; retry 3 in 8 s", retrying.ToString());
        Assert.Equal("recovered 12 events (pts 5 to 17)", new LongPollRecoveryFinished(LongPollRecoveryCause.HistoryLost, 12, 5, 17).Describe());
        Assert.Equal("stopped (cancelled)", new LongPollStopped(LongPollStopReason.Cancelled).Describe());
    }

    [Fact]
    public async Task RateLimiter_FourthCallWaitsForTheFakeClock()
    {
        var time = new FakeTimeProvider();
        var limiter = TokenRateLimiter.For("token-" + Guid.NewGuid(), 3);
        for (var i = 0; i < 3; i++)
        {
            await limiter.WaitAsync(time, CancellationToken.None);
        }

        var fourth = limiter.WaitAsync(time, CancellationToken.None);
        await Task.Yield();
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Yield();
        Assert.False(fourth.IsCompleted); // a 250 ms margin over VK's second
        time.Advance(TimeSpan.FromMilliseconds(250));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void RateLimiter_IsSharedPerToken()
    {
        var token = "shared-" + Guid.NewGuid();

        Assert.Same(TokenRateLimiter.For(token, 3), TokenRateLimiter.For(token, 3));
        Assert.NotSame(TokenRateLimiter.For(token, 3), TokenRateLimiter.For(token + "x", 3));
        Assert.DoesNotContain(token, TokenRateLimiter.TokenId(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRateLimiter_ForgetsIdleTokens_ButNeverOneACallWaitsOn()
    {
        var idleToken = "idle-" + Guid.NewGuid();
        var idle = TokenRateLimiter.For(idleToken, 1);
        await idle.WaitAsync(TimeProvider.System, CancellationToken.None);
        var busyToken = "busy-" + Guid.NewGuid();
        var busy = TokenRateLimiter.For(busyToken, 1);
        await busy.WaitAsync(TimeProvider.System, CancellationToken.None);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var stop = new CancellationTokenSource();
        var waiting = busy.WaitAsync(clock, stop.Token); // holds the limiter: its window is full on the fake clock
        var before = TokenRateLimiter.Count;

        TokenRateLimiter.ForgetIdle(TimeSpan.Zero);

        Assert.True(TokenRateLimiter.Count < before, "no idle limiter was forgotten");
        Assert.NotSame(idle, TokenRateLimiter.For(idleToken, 1)); // forgotten: a fresh one, as good as the old
        Assert.Same(busy, TokenRateLimiter.For(busyToken, 1)); // in use: kept, so its calls stay paced as one
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void Secrets_AreNeverPrinted()
    {
        Assert.DoesNotContain("secret-key", new LongPollCheckpoint(1, 2, "im.vk.com/nim1", "secret-key", 19).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", new LongPollServer("im.vk.com/nim1", "secret-key", 1, 2).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 19, 25)]
    [InlineData("token", 5, 25)]
    [InlineData("token", 19, 91)]
    public void Options_AreValidated(string token, int version, int wait)
    {
        Assert.ThrowsAny<ArgumentException>(() => new LongPollClient(new LongPollClientOptions { AccessToken = token, Version = version, Wait = wait }));
    }

    [Theory]
    [InlineData("http://api.vk.com/method", false)]
    [InlineData("http://10.0.0.1/method", false)]
    [InlineData("http://127.0.0.1:5000/method", true)]
    [InlineData("http://localhost:5000/method", true)]
    [InlineData("https://api.vk.com/method", true)]
    public void PlainHttp_IsForLoopbackOnly(string url, bool allowed)
    {
        var create = () => new LongPollClient(new LongPollClientOptions { AccessToken = "token", ApiBaseUrl = new Uri(url) });

        if (allowed)
        {
            Assert.NotNull(create());
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(create);
            Assert.StartsWith("the API base URL must use HTTPS (plain HTTP only to loopback)", error.Message, StringComparison.Ordinal);
        }
    }
}
