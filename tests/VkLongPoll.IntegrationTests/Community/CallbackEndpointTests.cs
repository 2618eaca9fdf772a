using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VkLongPoll.Callback;
using VkLongPoll.Community;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>
/// The Callback endpoint as VK (and someone who is not VK) meets it: the confirmation, the secret, <c>ok</c> only once the
/// event is recorded, a retry answered at once, a full inbox asking for later — over real HTTP on loopback.
/// </summary>
public sealed class CallbackEndpointTests
{
    private const long Group = 229000001;
    private const string Code = "a1b2c3d4";
    private const string Secret = "s3cr3t-key";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheConfirmation_IsAnsweredWithTheCode()
    {
        await using var endpoint = await Endpoint.StartAsync(new InMemoryCallbackInbox());

        var (status, text) = await endpoint.PostAsync($$"""{"type":"confirmation","group_id":{{Group}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Code, text);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("s3cr3t-ke")]
    [InlineData(null)]
    public async Task AnEventWithAWrongOrNoSecret_Is403_AndNotRecorded(string? secret)
    {
        var inbox = new InMemoryCallbackInbox();
        await using var endpoint = await Endpoint.StartAsync(inbox);

        var (status, _) = await endpoint.PostAsync(Event("e1", secret));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(await inbox.ReadAsync(Group, 0, 10));
    }

    [Fact]
    public async Task AnEvent_IsRecordedBeforeOk_AndARetryOfIt_IsOkWithoutASecondRecord()
    {
        using var folder = new TempFolder();
        var inbox = new SqliteCheckpointStore(Path.Combine(folder.Path, "inbox.db"));
        await using var endpoint = await Endpoint.StartAsync(inbox);

        var first = await endpoint.PostAsync(Event("e1", Secret));
        var again = await endpoint.PostAsync(Event("e1", Secret), retry: 1);
        var other = await endpoint.PostAsync(Event("e2", Secret));

        Assert.Equal((HttpStatusCode.OK, "ok"), first);
        Assert.Equal((HttpStatusCode.OK, "ok"), again);
        Assert.Equal((HttpStatusCode.OK, "ok"), other);
        var entries = await new SqliteCheckpointStore(Path.Combine(folder.Path, "inbox.db")).ReadAsync(Group, 0, 10);
        Assert.Equal(["e1", "e2"], entries.Select(e => e.EventId));
        Assert.Contains("\"text\":\"hi e1\"", entries[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullInbox_AsksVkToComeBackLater_AndRecordsNothing()
    {
        var inbox = new InMemoryCallbackInbox(capacity: 1);
        await using var endpoint = await Endpoint.StartAsync(inbox);
        await endpoint.PostAsync(Event("e1", Secret));

        using var response = await endpoint.SendAsync(Event("e2", Secret));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Single(await inbox.ReadAsync(Group, 0, 10));
    }

    [Theory]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    [InlineData("""{"group_id":229000001}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"type":"message_new","group_id":1,"secret":"s3cr3t-key"}""", HttpStatusCode.Forbidden)]
    public async Task APostThatIsNotAnEventOfThisCommunity_IsRefusedInOneWord(string body, HttpStatusCode expected)
    {
        var inbox = new InMemoryCallbackInbox();
        await using var endpoint = await Endpoint.StartAsync(inbox);

        var (status, _) = await endpoint.PostAsync(body);

        Assert.Equal(expected, status);
        Assert.Empty(await inbox.ReadAsync(Group, 0, 10));
    }

    [Fact]
    public async Task AMessageForwarded45Deep_IsRecorded_AndTheSecretIsKeptNowhere()
    {
        var inbox = new InMemoryCallbackInbox();
        await using var endpoint = await Endpoint.StartAsync(inbox);
        var forward = """{"from_id":5,"date":1,"text":"deep"}""";
        for (var i = 0; i < 45; i++)
        {
            forward = $$"""{"from_id":5,"date":1,"text":"level {{i}}","fwd_messages":[{{forward}}]}""";
        }

        var message = $$"""{"id":1,"date":1,"peer_id":5,"from_id":5,"text":"top","conversation_message_id":1,"fwd_messages":[{{forward}}]}""";
        var body = $$$"""{"group_id":{{{Group}}},"type":"message_new","event_id":"deep1","v":"5.199","object":{"message":{{{message}}}},"secret":"{{{Secret}}}"}""";

        Assert.Equal((HttpStatusCode.OK, "ok"), await endpoint.PostAsync(body));
        var recorded = Assert.Single(await inbox.ReadAsync(Group, 0, 10)).Body;
        Assert.DoesNotContain(Secret, recorded, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"deep\"", recorded, StringComparison.Ordinal);
        Assert.IsType<CommunityMessageNew>(CommunityEventReader.Read(Encoding.UTF8.GetBytes(recorded)));
    }

    [Fact]
    public async Task AStringThatIsNotText_IsA400_NotACrash()
    {
        var inbox = new InMemoryCallbackInbox();
        await using var endpoint = await Endpoint.StartAsync(inbox);

        var (status, _) = await endpoint.PostAsync($$"""{"type":"\ud800","group_id":{{Group}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task AFullSqliteInbox_StillAnswersOk_ForARetryOfWhatItHolds()
    {
        using var folder = new TempFolder();
        var inbox = new SqliteCheckpointStore(Path.Combine(folder.Path, "inbox.db")) { InboxCapacity = 1 };
        await using var endpoint = await Endpoint.StartAsync(inbox);
        await endpoint.PostAsync(Event("e1", Secret));

        var retry = await endpoint.PostAsync(Event("e1", Secret), retry: 1);
        using var other = await endpoint.SendAsync(Event("e2", Secret));

        Assert.Equal((HttpStatusCode.OK, "ok"), retry);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
    }

    [Fact]
    public async Task EveryKindOfEventTheEmulatorSends_IsTakenAndRead()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Seed = 5, Communities = 1 });
        emulator.EmitCommunityScenario(0, new Random(5), 600);
        var inbox = new InMemoryCallbackInbox();
        Assert.Equal(Group, emulator.CommunityIds[0]); // the endpoint's own community
        await using var endpoint = await Endpoint.StartAsync(inbox);
        var refused = new List<string>();
        foreach (var entry in emulator.CommunityJournal(0))
        {
            var update = Encoding.UTF8.GetString(entry.Update);
            var body = update[..update.LastIndexOf('}')] + $",\"secret\":\"{Secret}\"}}";
            if (await endpoint.PostAsync(body) is not (HttpStatusCode.OK, "ok"))
            {
                refused.Add(entry.Type + " " + update[..Math.Min(update.Length, 300)]);
            }
        }

        Assert.Empty(refused);
        var entries = await inbox.ReadAsync(emulator.CommunityIds[0], 0, 10_000);
        Assert.Equal(emulator.CommunityJournal(0).Count, entries.Count);
        Assert.DoesNotContain(entries, e => CommunityEventReader.Read(Encoding.UTF8.GetBytes(e.Body)) is UnknownCommunityEvent { DecodeError: not null });
    }

    [Fact]
    public async Task ABodyPastTheCap_Is413()
    {
        await using var endpoint = await Endpoint.StartAsync(new InMemoryCallbackInbox());

        var (status, _) = await endpoint.PostAsync(Event("e1", Secret, text: new string('x', 2 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task SeveralCommunities_ShareOneEndpoint_EachWithItsOwnSecret()
    {
        var inbox = new InMemoryCallbackInbox();
        await using var endpoint = await Endpoint.StartAsync(inbox, new VkCallbackCommunity(Group + 1, "other", "key2"));

        var mine = await endpoint.PostAsync(Event("e1", "key2", group: Group + 1));
        var crossed = await endpoint.PostAsync(Event("e2", Secret, group: Group + 1));

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal(HttpStatusCode.Forbidden, crossed.Status);
        Assert.Single(await inbox.ReadAsync(Group + 1, 0, 10));
    }

    private static string Event(string id, string? secret, long group = Group, string? text = null)
    {
        var message = $$$"""{"message":{"id":1,"date":1,"peer_id":5,"from_id":5,"text":"{{{text ?? "hi " + id}}}","conversation_message_id":1}}""";
        var secretField = secret is null ? string.Empty : $",\"secret\":\"{secret}\"";
        return $$"""{"group_id":{{group}},"type":"message_new","event_id":"{{id}}","v":"5.199","object":{{message}}{{secretField}}}""";
    }

    private sealed class Endpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new() { Timeout = Bound };

        private Endpoint(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<Endpoint> StartAsync(ICallbackInbox inbox, params VkCallbackCommunity[] more)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Services.AddVkCallback(o =>
            {
                o.Inbox = inbox;
                o.Communities.Add(new VkCallbackCommunity(Group, Code, Secret));
                foreach (var community in more)
                {
                    o.Communities.Add(community);
                }
            });
            var app = builder.Build();
            app.MapVkCallback("/vk");
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new Endpoint(app, new Uri(address, "/vk"));
        }

        public async Task<(HttpStatusCode Status, string Text)> PostAsync(string body, int? retry = null)
        {
            using var response = await SendAsync(body, retry);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public Task<HttpResponseMessage> SendAsync(string body, int? retry = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retry is { } counter)
            {
                request.Headers.Add("X-Retry-Counter", counter.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return _http.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.DisposeAsync();
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vklp-callback-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
