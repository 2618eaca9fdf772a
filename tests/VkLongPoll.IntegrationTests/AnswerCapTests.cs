using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.IntegrationTests;

/// <summary>Every answer is read with a cap: an endless body is an error after 16 MB, not the process's memory.</summary>
public sealed class AnswerCapTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnApiAnswerThatNeverEnds_IsRefusedPastTheCap()
    {
        await using var server = new EndlessBodyServer();
        using var api = new VkApiClient("vk1.a.secret", new VkApiClientOptions { BaseUrl = new Uri(server.Url, "method"), MaxRetries = 0, CallsPerSecond = 0 });
        using var bound = new CancellationTokenSource(Bound);

        var error = await Assert.ThrowsAsync<LongPollProtocolException>(() => api.CallAsync("users.get", [], bound.Token));

        Assert.Equal("the answer is larger than 16 MB", error.Reason);
        Assert.InRange(server.Sent, 16L * 1024 * 1024, 64L * 1024 * 1024);
    }

    [Fact]
    public async Task AVkIdAnswerThatNeverEnds_IsRefusedPastTheCap()
    {
        await using var server = new EndlessBodyServer();
        using var vkId = new VkIdClient(54000001, server.Url);
        using var bound = new CancellationTokenSource(Bound);
        var tokens = new VkIdTokens("vk2.a.access", "vk2.a.refresh", DateTimeOffset.UtcNow, 1, "device", "messages");

        // A failed call, not a refused grant: the login is kept and the renewal tried again later.
        var error = await Assert.ThrowsAsync<VkIdException>(() => vkId.RefreshAsync(tokens, bound.Token));

        Assert.False(error.RequiresSignIn);
        Assert.Equal("the answer is larger than 16 MB", Assert.IsType<LongPollProtocolException>(error.InnerException).Reason);
    }
}
