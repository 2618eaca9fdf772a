using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests;

/// <summary>
/// VK ID's bad minutes are not a lost login: only a refused grant means signing in again (VK's SDK: <c>RefreshTokenExpired</c>
/// against <c>FailedApiCall</c>); a 502 page, a timeout or <c>server_error</c> is retried with the session's status saying so.
/// </summary>
public sealed class VkIdRenewalTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task VkIdAnswering502DuringRenewal_IsRetriedWithAStatus_AndTheSessionDeliversEverything()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 41, TimeProvider = clock });
        using var client = new EmulatorClient(emulator);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var vkId = new VkIdClient(emulator.VkIdAppId, emulator.VkIdUrl, http);
        var tokens = await RealVkTests.SignInAsync(vkId, emulator);
        var source = new VkIdTokenSource(tokens, vkId, timeProvider: new FakeTimeProvider(DateTimeOffset.UtcNow));
        var statuses = new ConcurrentQueue<LongPollStatus>();
        var options = SessionTests.Options(emulator, "unused");
        options.AccessToken = string.Empty;
        options.TokenSource = source;
        options.OnStatus = statuses.Enqueue;
        await using var session = new LongPollClient(options, http);

        // A dozen failed renewals: with VK's pacing (1 s doubling to 60 s) that is the five minutes of a balancer's bad spell.
        const int Failures = 12;
        var texts = await SessionTests.ReadMessagesAsync(session, client, 3, async () =>
        {
            await client.ControlAsync("send", new { text = "one" });
            // Armed before the clock moves: the session may renew at once when its key and token expire.
            await client.ControlAsync("vkid_faults", new { count = Failures, status = 502 });
            clock.Advance(TimeSpan.FromHours(2)); // the access token and the Long Poll key expire
            await client.ControlAsync("send", new { text = "two" });
            await client.ControlAsync("faults", new { fault = "failed_1" }); // the expired key and then history need the API, and so a renewal
            await client.ControlAsync("send", new { text = "three" });
        });

        Assert.Equal(["one", "two", "three"], texts);
        var renewalRetries = statuses.OfType<LongPollRetrying>().Where(r => r.Reason == LongPollRetryReason.TokenRenewalFailed).ToList();
        Assert.Equal(Failures, renewalRetries.Count);
        Assert.All(renewalRetries, r => Assert.Equal(502, r.HttpStatusCode));
        Assert.All(renewalRetries, r => Assert.Equal(emulator.VkIdUrl.Authority, r.Host));
        Assert.StartsWith("could not renew the access token at", renewalRetries[0].Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain(statuses, s => s is LongPollStopped { Reason: not (LongPollStopReason.Cancelled or LongPollStopReason.ConsumerStopped) });
        Assert.Equal(1, source.Renewals);
        Assert.Contains(statuses, s => s is LongPollReconnected);
    }

    [Fact]
    public async Task RefusedGrant_MeansSignInAgain_ButAFailedCall_KeepsTheRefreshToken()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 42 });
        using var client = new EmulatorClient(emulator);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var vkId = new VkIdClient(emulator.VkIdAppId, emulator.VkIdUrl, http);
        var tokens = await RealVkTests.SignInAsync(vkId, emulator);
        var source = new VkIdTokenSource(tokens, vkId);

        // A failed call: a VkIdException that does not ask to sign in, and nothing spent.
        await client.ControlAsync("vkid_faults", new { count = 1, status = 503 });
        var failed = await Assert.ThrowsAsync<VkIdException>(() => source.RenewAsync(tokens.AccessToken, CancellationToken.None).AsTask());
        Assert.False(failed.RequiresSignIn);
        Assert.Equal(tokens, source.Tokens);

        // The same refresh token still works on the next good answer.
        Assert.NotEqual(tokens.AccessToken, await source.RenewAsync(tokens.AccessToken, CancellationToken.None));

        // The spent refresh token is refused: invalid_grant, and only that ends the login.
        var stale = new VkIdTokenSource(tokens, vkId);
        var refused = await Assert.ThrowsAsync<VkAuthorizationException>(() => stale.RenewAsync(tokens.AccessToken, CancellationToken.None).AsTask());
        Assert.Contains("invalid_grant", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_grant", true)]
    [InlineData("invalid_client", true)]
    [InlineData("refresh_token_expired", true)]
    [InlineData("server_error", false)]
    [InlineData("temporarily_unavailable", false)]
    [InlineData("slow_down", false)]
    public void OnlyARefusedGrant_RequiresSigningInAgain(string error, bool signIn) =>
        Assert.Equal(signIn, new VkIdException(error, null).RequiresSignIn);

    [Fact]
    public async Task EarlyRenewalThatFails_KeepsUsingTheTokenWhileItStillWorks()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { ApiCallsPerSecond = 0, Seed = 43 });
        using var client = new EmulatorClient(emulator);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var vkId = new VkIdClient(emulator.VkIdAppId, emulator.VkIdUrl, http);
        var tokens = await RealVkTests.SignInAsync(vkId, emulator);
        // 30 s before the expiry: inside the minute in which a token is renewed before use, but it still works.
        var clock = new FakeTimeProvider(tokens.ExpiresAt - TimeSpan.FromSeconds(30));
        var source = new VkIdTokenSource(tokens, vkId, timeProvider: clock);
        await client.ControlAsync("vkid_faults", new { count = 1 });

        using var bound = new CancellationTokenSource(Bound);
        Assert.Equal(tokens.AccessToken, await source.GetTokenAsync(bound.Token));
        Assert.Equal(0, source.Renewals);

        // Past the expiry the failure is the caller's to retry: there is no token left that works.
        clock.Advance(TimeSpan.FromMinutes(1));
        await client.ControlAsync("vkid_faults", new { count = 1 });
        Assert.False((await Assert.ThrowsAsync<VkIdException>(() => source.GetTokenAsync(bound.Token).AsTask())).RequiresSignIn);
        Assert.NotEqual(tokens.AccessToken, await source.GetTokenAsync(bound.Token));
    }
}
