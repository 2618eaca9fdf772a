using System.Globalization;
using System.Text.Json;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>One emulator with many communities for the community tests; each test takes a community no other uses.</summary>
public sealed class CommunityFixture : IAsyncLifetime
{
    private int _next;

    public VkEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await VkEmulator.StartAsync(new EmulatorOptions
        {
            Accounts = 2,
            Communities = 40,
            Seed = 23,
            ApiCallsPerSecond = 0,
            CommunityApiCallsPerSecond = 0,
            // Short callback waits so retries and pauses happen within a test's bound.
            CallbackTimeout = TimeSpan.FromSeconds(3),
            CallbackRetryDelay = TimeSpan.FromMilliseconds(20),
            CallbackFailuresBeforePause = 3,
            CallbackPause = TimeSpan.FromMilliseconds(300),
        });
        Http = new HttpClient(Emulator.CreateTrustingHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>A community no other test uses: its index, id and token.</summary>
    internal (int Index, long Id, string Token) NewCommunity()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        return index < Emulator.CommunityIds.Count
            ? (index, Emulator.CommunityIds[index], Emulator.CommunityTokens[index])
            : throw new InvalidOperationException("raise Communities in CommunityFixture");
    }

    /// <summary>A VK API call over HTTPS: the whole answer (<c>response</c> or <c>error</c>).</summary>
    internal async Task<JsonElement> ApiAsync(string method, string token, Dictionary<string, string>? parameters = null)
    {
        var form = new Dictionary<string, string>(parameters ?? []) { ["access_token"] = token, ["v"] = "5.199" };
        using var response = await Http.PostAsync(new Uri(Emulator.ApiUrl + "/" + method), new FormUrlEncodedContent(form));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    internal async Task<JsonElement> ResponseAsync(string method, string token, Dictionary<string, string>? parameters = null)
    {
        var body = await ApiAsync(method, token, parameters);
        Assert.True(body.TryGetProperty("response", out var response), body.ToString());
        return response;
    }

    /// <summary><c>groups.getLongPollServer</c>: server, key and the ts (a string on the wire).</summary>
    internal async Task<(string Server, string Key, string Ts)> BotsServerAsync(long groupId, string token)
    {
        var r = await ResponseAsync("groups.getLongPollServer", token, new() { ["group_id"] = Id(groupId) });
        return (r.GetProperty("server").GetString()!, r.GetProperty("key").GetString()!, r.GetProperty("ts").GetString()!);
    }

    /// <summary>One <c>a_check</c> (bounded by the caller's token).</summary>
    internal async Task<JsonElement> CheckAsync(string server, string key, string ts, int wait = 0, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri($"{server}?act=a_check&key={key}&ts={ts}&wait={wait}"), cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

[CollectionDefinition(Name)]
public sealed class CommunityGroup : ICollectionFixture<CommunityFixture>
{
    public const string Name = "community";
}
