using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.IntegrationTests;

/// <summary>Every request carries a secret: a redirect is an error that names where it pointed, and nothing is sent there.</summary>
public sealed class RedirectTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task AnApiCall_IsNotSentOnToWhereARedirectPoints(int status)
    {
        await using var server = new RedirectingServer(status);
        using var api = new VkApiClient("vk1.a.secret", new VkApiClientOptions { BaseUrl = new Uri(server.Url, "method"), MaxRetries = 0, CallsPerSecond = 0 });
        using var bound = new CancellationTokenSource(Bound);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => api.CallAsync("users.get", [], bound.Token));

        Assert.Contains($"a redirect to {server.Trap.GetLeftPart(UriPartial.Authority)}", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
        Assert.Equal(0, server.Trapped);
    }

    [Fact]
    public async Task AVkIdRefresh_IsNotSentOnToWhereARedirectPoints()
    {
        await using var server = new RedirectingServer();
        using var vkId = new VkIdClient(54000001, server.Url);
        using var bound = new CancellationTokenSource(Bound);
        var tokens = new VkIdTokens("vk2.a.access", "vk2.a.refresh", DateTimeOffset.UtcNow, 1, "device", "messages");

        var error = await Assert.ThrowsAsync<VkIdException>(() => vkId.RefreshAsync(tokens, bound.Token));

        Assert.False(error.RequiresSignIn);
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
        Assert.Contains($"a redirect to {server.Trap.GetLeftPart(UriPartial.Authority)}", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Trapped);
    }

    [Fact]
    public async Task AHandlerThatFollowsRedirects_IsCaughtOutAfterTheFact()
    {
        await using var server = new RedirectingServer();
        using var following = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        using var api = new VkApiClient("vk1.a.secret", new VkApiClientOptions { BaseUrl = new Uri(server.Url, "method"), MaxRetries = 0, CallsPerSecond = 0 }, following);
        using var bound = new CancellationTokenSource(Bound);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => api.CallAsync("users.get", [], bound.Token));

        // The caller's handler did follow (the trap was reached): the library cannot prevent that, but it says so.
        Assert.Contains($"followed a redirect to {server.Trap.GetLeftPart(UriPartial.Authority)}", error.Message, StringComparison.Ordinal);
    }
}
