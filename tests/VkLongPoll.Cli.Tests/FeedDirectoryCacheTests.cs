using VkLongPoll.Cli.Feed;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Tests;

/// <summary>The feed's caches: friends' names fetched ahead, and bounded (a feed that runs for weeks meets more names than it can keep).</summary>
public sealed class FeedDirectoryCacheTests
{
    private static readonly string[] RussianCases = ["nom", "gen", "dat", "acc", "ins"];

    [Fact]
    public void PastItsCapacity_TheEntriesFetchedLongestAgoGo()
    {
        var start = DateTimeOffset.UnixEpoch;
        var entries = Enumerable.Range(0, FeedDirectoryCache.Capacity + 1).ToDictionary(i => (long)i, i => start.AddSeconds(i));

        FeedDirectoryCache.ForgetOldest(entries, at => at);

        Assert.Equal(FeedDirectoryCache.Capacity - (FeedDirectoryCache.Capacity / 10), entries.Count);
        Assert.Equal(Enumerable.Range(FeedDirectoryCache.Capacity + 1 - entries.Count, entries.Count).Select(i => (long)i), entries.Keys.Order());
    }

    [Fact]
    public void WithinItsCapacity_NothingGoes()
    {
        var entries = Enumerable.Range(0, FeedDirectoryCache.Capacity).ToDictionary(i => (long)i, _ => DateTimeOffset.UnixEpoch);

        FeedDirectoryCache.ForgetOldest(entries, at => at);

        Assert.Equal(FeedDirectoryCache.Capacity, entries.Count);
    }

    [Fact]
    public async Task FriendsNames_AreFetchedAhead_InEveryCaseRussianNeeds_BeforeAnyEventNamesThem()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Seed = 31 });
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var api = new VkApiClient(emulator.Tokens[0], new VkApiClientOptions { BaseUrl = emulator.ApiUrl, Language = "ru" }, http);
        var directory = new FeedDirectoryCache(api, emulator.UserIds[0], TimeProvider.System, FeedLanguage.Russian);
        var friends = emulator.FriendIds();
        Assert.All(friends, id => Assert.Null(directory.User(id)));

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await directory.PrefetchFriendsAsync(bound.Token);

        Assert.All(friends, id =>
        {
            var person = directory.User(id);
            Assert.NotNull(person);
            Assert.All(RussianCases, nameCase => Assert.Matches("^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$", person.In(nameCase)));
        });
    }

    [Fact]
    public async Task ACommunitysChatTitles_AreAskedOfTheCommunity_WithItsGroupId()
    {
        var handler = new CapturingHandler("""{"response":{"count":1,"items":[{"peer":{"id":2000000001,"type":"chat"},"chat_settings":{"title":"Клуб"}}]}}""");
        using var http = new HttpClient(handler);
        using var api = new VkApiClient("vk1.a.token", new VkApiClientOptions { BaseUrl = new Uri("https://127.0.0.1:9/method"), CallsPerSecond = 0, MaxRetries = 0 }, http);

        var titles = await api.GetChatTitlesAsync([2_000_000_001], groupId: 229_000_001);
        var own = await api.GetChatTitlesAsync([2_000_000_001]);

        Assert.Equal("Клуб", titles[2_000_000_001]);
        Assert.Contains("group_id=229000001", handler.Requests[0], StringComparison.Ordinal);
        Assert.DoesNotContain("group_id", handler.Requests[1], StringComparison.Ordinal);
        Assert.Single(own);
    }

    /// <summary>Answers every request with one body and keeps what each sent (its URL and form).</summary>
    private sealed class CapturingHandler(string answer) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(request.RequestUri + " " + body);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(answer, System.Text.Encoding.UTF8, "application/json") };
        }
    }
}
