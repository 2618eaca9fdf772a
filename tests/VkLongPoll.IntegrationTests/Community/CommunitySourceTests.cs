using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VkLongPoll.Callback;
using VkLongPoll.Community;
using VkLongPoll.Engine;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport;

namespace VkLongPoll.IntegrationTests.Community;

/// <summary>
/// A community read through the one engine, against the emulator's Bots Long Poll and Callback sender: typed events with
/// their ids, a gap's messages recovered from pts, both transports at once with each event handed over once, and restarts
/// from the SQLite checkpoint that repeat nothing.
/// </summary>
[Collection(CommunityGroup.Name)]
public sealed class CommunitySourceTests(CommunityFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task TheBotsLongPoll_HandsOverEachMessage_Typed_WithItsEventId_AndBothIdZeroChatMessages()
    {
        var (index, id, token) = fixture.NewCommunity();
        await using var run = await Run.StartAsync(Source(id, token), new InMemoryCheckpointStore(), fixture.Emulator, index);

        var direct = fixture.Emulator.SendCommunityMessage(index, "привет");
        var chat1 = fixture.Emulator.SendCommunityMessage(index, "в беседе 1", inChat: true);
        var chat2 = fixture.Emulator.SendCommunityMessage(index, "в беседе 2", inChat: true);
        await run.UntilAsync(3);

        var messages = run.Events.OfType<CommunityMessageNew>().ToList();
        Assert.Equal([direct.EventId, chat1.EventId, chat2.EventId], messages.Select(m => m.EventId));
        Assert.All(messages, m => Assert.Equal(id, m.GroupId));
        Assert.Equal(["привет", "в беседе 1", "в беседе 2"], messages.Select(m => m.Message.Text));
        Assert.Equal([0L, 0L], messages.Skip(1).Select(m => m.Message.MessageId ?? -1));
        Assert.Equal([chat1.ConversationMessageId, chat2.ConversationMessageId], messages.Skip(1).Select(m => m.Message.ConversationMessageId));
    }

    [Fact]
    public async Task AGap_failed1_RecoversItsMessagesFromPts_OnceEach_AndSaysWhatElseIsGone()
    {
        var (index, id, token) = fixture.NewCommunity();
        var store = new InMemoryCheckpointStore();
        var statuses = new List<LongPollStatus>();
        await using (var first = await Run.StartAsync(Source(id, token), store, fixture.Emulator, index))
        {
            fixture.Emulator.SendCommunityMessage(index, "before");
            await first.UntilAsync(1);
        }

        // While nobody polls: two messages and a join; then VK says the ts is outdated.
        var lostA = fixture.Emulator.SendCommunityMessage(index, "in the gap 1");
        var lostB = fixture.Emulator.SendCommunityMessage(index, "in the gap 2", inChat: true);
        // Enough of them that their messages fill more than one history page (200 messages a page).
        fixture.Emulator.EmitCommunityScenario(index, new Random(7), 500);
        var gapMessages = fixture.Emulator.CommunityJournal(index).Count(e => e.Type == "message_new" && e.Ts > lostB.Ts);
        fixture.Emulator.BotsFaults.EnqueueFor(-id, FaultKind.Failed1, 1);
        await using var second = await Run.StartAsync(Source(id, token, s => { lock (statuses) { statuses.Add(s); } }), store, fixture.Emulator, index);
        var after = fixture.Emulator.SendCommunityMessage(index, "after");
        await second.UntilAsync(() => second.Events.OfType<CommunityEvent>().Any(e => e.EventId == after.EventId), "the message after the gap");

        // The scenario may edit a gap's message before it is recovered: they are told apart by their place, not their text.
        var recovered = second.Events.OfType<CommunityMessageNew>().Where(m => m.EventId.Length == 0)
            .Select(m => (Peer: m.Message.PeerId?.Value, Cmid: m.Message.ConversationMessageId)).ToList();
        Assert.Equal(1, recovered.Count(r => r == (lostA.PeerId, lostA.ConversationMessageId)));
        Assert.Equal(1, recovered.Count(r => r == (lostB.PeerId, lostB.ConversationMessageId)));
        Assert.Equal(0, lostB.PeerId < 2_000_000_000 ? 1 : 0); // the second is a chat's, id 0
        Assert.True(second.RecoveredBatches > 1, $"{second.RecoveredBatches} recovered batches");
        Assert.True(recovered.Count >= gapMessages + 2, $"{recovered.Count} recovered of {gapMessages + 2} new messages in the gap");
        Assert.DoesNotContain(second.Events.OfType<CommunityMessageNew>(), m => m.Message.Text == "before");
        lock (statuses)
        {
            Assert.Contains(statuses, s => s is CommunityEventsLost { Cause: LongPollRecoveryCause.HistoryLost });
        }
    }

    [Fact]
    public async Task BothTransports_AtOnce_UnderRepeatsAndLostDeliveries_HandOverEachEventOnce()
    {
        var (index, id, token) = fixture.NewCommunity();
        using var folder = new TempFolder();
        var store = new SqliteCheckpointStore(Path.Combine(folder.Path, "community.db"));
        await using var endpoint = await Endpoint.StartAsync(store, id, fixture.Emulator.CallbackConfirmationCode(index), "s3cret");
        fixture.Emulator.ConfigureCallback(index, endpoint.Url, "s3cret");
        var faults = fixture.Emulator.CallbackFaults(index);
        faults.Enqueue(CallbackFaultKind.Duplicate, 3);
        faults.Enqueue(CallbackFaultKind.TimeoutAfterRecord, 3);
        faults.Enqueue(CallbackFaultKind.ServerError, 2);
        faults.Enqueue(CallbackFaultKind.ForgedSecret, 2);
        await using var run = await Run.StartAsync(Source(id, token, inbox: store), store, fixture.Emulator, index);

        fixture.Emulator.EmitCommunityScenario(index, new Random(11), 40);
        var journal = fixture.Emulator.CommunityJournal(index).Where(e => e.Ts > run.StartTs).Select(e => e.EventId).ToList();
        await run.UntilAsync(() => journal.All(run.EventIds.Contains), "every event of the journal");

        var ids = run.Events.OfType<CommunityEvent>().Where(e => e.EventId.Length > 0).Select(e => e.EventId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, e => Assert.Contains(e, journal.Concat(run.Before)));
    }

    [Fact]
    public async Task ARestart_FromTheSqliteCheckpoint_RepeatsNothing_AndMissesNothing()
    {
        var (index, id, token) = fixture.NewCommunity();
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "community.db");
        var seen = new List<string>();
        await using (var first = await Run.StartAsync(Source(id, token), new SqliteCheckpointStore(path), fixture.Emulator, index))
        {
            fixture.Emulator.EmitCommunityScenario(index, new Random(3), 10);
            var now = fixture.Emulator.CommunityJournal(index).Where(e => e.Ts > first.StartTs).Select(e => e.EventId).ToList();
            await first.UntilAsync(() => now.All(first.EventIds.Contains), "the first events");
            seen.AddRange(first.Events.OfType<CommunityEvent>().Select(e => e.EventId));
        }

        fixture.Emulator.EmitCommunityScenario(index, new Random(4), 10);
        await using var second = await Run.StartAsync(Source(id, token), new SqliteCheckpointStore(path), fixture.Emulator, index);
        var all = fixture.Emulator.CommunityJournal(index).Select(e => e.EventId).ToList();
        await second.UntilAsync(() => all.All(e => second.EventIds.Contains(e) || seen.Contains(e) || second.Before.Contains(e)), "the events of both runs");

        Assert.Empty(second.Events.OfType<CommunityEvent>().Select(e => e.EventId).Where(e => e.Length > 0).Intersect(seen));
    }

    private CommunitySource Source(long id, string token, Action<LongPollStatus>? onStatus = null, ICallbackInbox? inbox = null) => new(new CommunitySourceOptions
    {
        Connection = new LongPollClientOptions
        {
            AccessToken = token,
            GroupId = id,
            ApiBaseUrl = fixture.Emulator.ApiUrl,
            ApiCallsPerSecond = 0,
            Wait = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            OnStatus = onStatus,
        },
        CallbackInbox = inbox,
    }, fixture.Http);

    /// <summary>An engine running a community source, recording what its handler got.</summary>
    private sealed class Run : IAccountBatchHandler, IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new(Bound);
        private readonly List<Events.LongPollEvent> _events = [];
        private readonly CommunitySource _source;
        private Task _running = Task.CompletedTask;
        private int _recovered;
        private long _handled;

        private Run(CommunitySource source) => _source = source;

        /// <summary>The journal's newest ts when the run was in place: events after it are this run's.</summary>
        public long StartTs { get; private set; }

        /// <summary>Event ids of the journal up to <see cref="StartTs"/>.</summary>
        public HashSet<string> Before { get; } = [];

        public IReadOnlyList<Events.LongPollEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public HashSet<string> EventIds => [.. Events.OfType<CommunityEvent>().Select(e => e.EventId)];

        public int RecoveredBatches => Volatile.Read(ref _recovered);

        public static async Task<Run> StartAsync(CommunitySource source, ICheckpointStore store, VkEmulator emulator, int community)
        {
            var run = new Run(source);
            run._running = new AccountEngine(source, run, new AccountEngineOptions { CheckpointStore = store, HandlerFailure = HandlerFailurePolicy.StopAccount }).RunAsync(run._stop.Token);
            // In place once the first batch (the starting point, or a resume's first) was handled.
            await Poll.UntilAsync(() => Interlocked.Read(ref run._handled) > 0 || run._running.IsCompleted, Bound, "the source's first batch");
            await (run._running.IsCompleted ? run._running : Task.CompletedTask);
            var journal = emulator.CommunityJournal(community);
            run.StartTs = journal.Count > 0 ? journal[^1].Ts : 0;
            run.Before.UnionWith(journal.Select(e => e.EventId));
            return run;
        }

        public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            lock (_events)
            {
                _events.AddRange(batch.Events);
            }

            if (batch.Recovered && batch.Events.Count > 0)
            {
                Interlocked.Increment(ref _recovered);
            }

            Interlocked.Increment(ref _handled);
            return ValueTask.CompletedTask;
        }

        public Task UntilAsync(int events) => UntilAsync(() => Events.Count >= events, $"{events} events");

        public async Task UntilAsync(Func<bool> condition, string what)
        {
            await Poll.UntilAsync(() => condition() || _running.IsCompleted, Bound, what);
            await (_running.IsCompleted ? _running : Task.CompletedTask);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            await _source.DisposeAsync();
            _stop.Dispose();
        }
    }

    private sealed class Endpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Endpoint(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<Endpoint> StartAsync(ICallbackInbox inbox, long group, string code, string secret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var options = new VkCallbackOptions { Inbox = inbox };
            options.Communities.Add(new VkCallbackCommunity(group, code, secret));
            app.MapVkCallback("/vk", options);
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new Endpoint(app, new Uri(address, "/vk"));
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vklp-community-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
