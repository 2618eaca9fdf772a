using System.Threading.Channels;
using VkLongPoll.Events;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;
using VkLongPoll.TestSupport;

namespace VkLongPoll.IntegrationTests;

/// <summary>The session engine against the emulator: every failure recovered, nothing lost, nothing twice.</summary>
[Collection(EmulatorGroup.Name)]
public sealed class SessionTests(EmulatorFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly string[] FirstTwo = ["a", "b"];

    internal static LongPollClient NewSession(VkEmulator emulator, string token, ICheckpointStore? store = null, int version = 19) =>
        NewSession(emulator, token, LongPollHttp.CreateClient(emulator.CreateTrustingHandler()), store, version);

    internal static LongPollClient NewSession(VkEmulator emulator, string token, HttpClient http, ICheckpointStore? store = null, int version = 19) =>
        new(Options(emulator, token, store, version), http);

    /// <summary>Options for tests: a short wait and quick retries.</summary>
    internal static LongPollClientOptions Options(VkEmulator emulator, string token, ICheckpointStore? store = null, int version = 19) =>
        new()
        {
            AccessToken = token,
            ApiBaseUrl = emulator.ApiUrl,
            ApiCallsPerSecond = 0,
            Version = version,
            Wait = 1,
            RequestTimeoutMargin = TimeSpan.FromSeconds(2),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            CheckpointStore = store,
        };

    /// <summary>The start of the text of the message <see cref="ReadNewMessagesAsync"/> ends each read with; no other message starts so.</summary>
    internal const string MarkerPrefix = "vklp-test-marker-";

    /// <summary>Reads in the background until <paramref name="count"/> new messages arrived; returns their texts in order (and any duplicate after them).</summary>
    internal static async Task<List<string>> ReadMessagesAsync(LongPollClient session, EmulatorClient control, int count, Func<Task> act) =>
        [.. (await ReadNewMessagesAsync(session, control, received => received.Count >= count, act)).Select(m => m.Text ?? string.Empty)];

    /// <summary>
    /// Reads new messages in the background until <paramref name="done"/>, then until a marker message sent through
    /// <paramref name="control"/> arrives: whatever comes in between is a duplicate, returned for the caller's assertions to catch.
    /// </summary>
    internal static async Task<List<LongPollMessage>> ReadNewMessagesAsync(LongPollClient session, EmulatorClient control, Func<List<LongPollMessage>, bool> done, Func<Task> act)
    {
        using var bound = new CancellationTokenSource(Bound);
        var marker = MarkerPrefix + Guid.NewGuid().ToString("N");
        var messages = Channel.CreateUnbounded<LongPollMessage>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in session.ReadEventsAsync(null, bound.Token))
            {
                if (e is MessageNewEvent { Message: var message })
                {
                    await messages.Writer.WriteAsync(message, bound.Token);
                }
            }
        });
        // Act only once the session knows where it starts (its first batch): what happens before that is, rightly,
        // not its news. ReadEventsAsync does not show that batch (it has no events), so the checkpoint it sets is polled.
        await Poll.UntilAsync(() => session.Checkpoint is not null || reading.IsCompleted, Bound, "the session has its first checkpoint", bound.Token);

        await act();
        var received = new List<LongPollMessage>();
        while (!done(received) && await NextAsync() is { } message)
        {
            received.Add(message);
        }

        // The marker goes after everything awaited, and the session delivers in server order: a repeat of anything
        // before it (a recovery that fetched too much, a retry that did not move on) arrives before it does.
        await control.ControlAsync("send", new { text = marker });
        while (await NextAsync() is { } message && message.Text != marker)
        {
            received.Add(message);
        }

        await bound.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        return received;

        // The next message; null once the session has ended (its exception surfaces here).
        async Task<LongPollMessage?> NextAsync()
        {
            while (true)
            {
                var next = messages.Reader.ReadAsync(bound.Token).AsTask();
                if (await Task.WhenAny(next, reading) == reading)
                {
                    await reading;
                    return null;
                }

                var message = await next;
                // An earlier read's marker, again: that read stopped before its session came back for the batch after
                // the marker, so the checkpoint (and the store) may still stand before it. Not this read's news.
                if (message.Text is not { } text || !text.StartsWith(MarkerPrefix, StringComparison.Ordinal) || text == marker)
                {
                    return message;
                }
            }
        }
    }

    [Fact]
    public async Task Session_DeliversEventsInOrder()
    {
        using var client = fixture.NewClient();
        await using var session = NewSession(fixture.Emulator, client.Token);

        var texts = await ReadMessagesAsync(session, client, 3, async () =>
        {
            await client.ControlAsync("send", new { text = "one" });
            await client.ControlAsync("send", new { text = "two" });
            await client.ControlAsync("send", new { text = "three" });
        });

        Assert.Equal(["one", "two", "three"], texts);
        Assert.NotNull(session.Checkpoint);
    }

    public static TheoryData<string, string> FaultsByProtocol()
    {
        var data = new TheoryData<string, string>();
        foreach (var fault in new[] { "failed_1", "failed_2", "failed_3", "failed_4", "http_500", "http_502", "reset", "malformed", "truncated", "hang" })
        {
            data.Add(fault, "2.0");
            data.Add(fault, "1.1");
        }

        return data;
    }

    [Fact]
    public async Task TrustedPem_IsTheOnlyCertificateTrustedBesidesTheSystemRoots()
    {
        using var client = fixture.NewClient();
        using var trusting = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(fixture.Emulator.CertificatePemPath));
        await using var session = NewSession(fixture.Emulator, client.Token, trusting);

        var texts = await ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "over the trusted PEM" }));

        Assert.Equal(["over the trusted PEM"], texts);
        using var systemRootsOnly = LongPollHttp.CreateClient(LongPollHttp.CreateHandler(trustedCertificatePemPath: null));
        using var bound = new CancellationTokenSource(Bound);
        await Assert.ThrowsAsync<HttpRequestException>(() => systemRootsOnly.GetAsync(fixture.Emulator.ApiUrl, bound.Token));
    }

    [Theory]
    [MemberData(nameof(FaultsByProtocol))]
    public async Task EveryFault_LosesNothing_RepeatsNothing(string fault, string protocol)
    {
        using var client = fixture.NewClient();
        var versions = new VersionRecorder(fixture.Emulator.CreateTrustingHandler());
        using var http = protocol == "2.0" ? LongPollHttp.CreateClient(versions) : new HttpClient(versions) { Timeout = Timeout.InfiniteTimeSpan };
        await using var session = NewSession(fixture.Emulator, client.Token, http);

        var texts = await ReadMessagesAsync(session, client, 6, async () =>
        {
            await client.ControlAsync("send", new { text = "before 1" });
            await client.ControlAsync("send", new { text = "before 2" });
            await client.ControlAsync("faults", new { fault, count = 2 });
            for (var i = 1; i <= 4; i++)
            {
                await client.ControlAsync("send", new { text = $"after {i}" });
            }
        });

        Assert.Equal(["before 1", "before 2", "after 1", "after 2", "after 3", "after 4"], texts);
        Assert.Equal([Version.Parse(protocol)], versions.Seen);
    }

    /// <summary>Records the HTTP versions the answers came in (the default client must really get HTTP/2 over TLS).</summary>
    private sealed class VersionRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly HashSet<Version> _seen = [];

        public IReadOnlyList<Version> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            lock (_seen)
            {
                _seen.Add(response.Version);
            }

            return response;
        }
    }

    [Fact]
    public async Task RestartFromSqliteCheckpoint_GetsWhatHappenedWhileDown_Once()
    {
        using var client = fixture.NewClient();
        var path = Path.Combine(Path.GetTempPath(), $"vklp-test-{Guid.NewGuid():N}.db");
        try
        {
            var store = new SqliteCheckpointStore(path);
            await using (var first = NewSession(fixture.Emulator, client.Token, store))
            {
                Assert.Equal(FirstTwo, await ReadMessagesAsync(first, client, 2, async () =>
                {
                    await client.ControlAsync("send", new { text = "a" });
                    await client.ControlAsync("send", new { text = "b" });
                }));
            }

            // Down: messages arrive, the key dies, and more than the retained window passes.
            var c = await client.ControlAsync("send", new { text = "c" });
            await client.ControlAsync("scenario", new { seed = 3, events = 120, rate = 0 });
            await client.ControlAsync("send", new { text = "d" });

            await using var second = NewSession(fixture.Emulator, client.Token, new SqliteCheckpointStore(path));
            var messages = await ReadNewMessagesAsync(second, client, received => received.Count > 0 && received[^1].Text == "d", () => Task.CompletedTask);

            // Every message but "a", "b" and the two reads' markers.
            var sentWhileDown = (await client.ControlAsync("journal")).GetProperty("events").EnumerateArray()
                .Count(e => e.GetProperty("kind").GetString() == "message_new" && !e.GetProperty("update").GetRawText().Contains(MarkerPrefix, StringComparison.Ordinal)) - 2;
            // "c" by its ids: the scenario may delete it for everyone, and then VK gives nothing of what it said.
            Assert.Equal(c.GetProperty("conversation_message_id").GetInt64(), messages[0].ConversationMessageId);
            Assert.Equal("d", messages[^1].Text);
            Assert.Equal(sentWhileDown, messages.Count);
            Assert.Equal(messages.Count, messages.Select(m => (m.PeerId, m.ConversationMessageId)).Distinct().Count());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Metrics_CountEventsRecoveriesAndHistoryPages()
    {
        using var client = fixture.NewClient();
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LongPollMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var kind = tags.ToArray().FirstOrDefault(t => t.Key == "kind").Value;
            measured.AddOrUpdate(instrument.Name + (kind is null ? string.Empty : ":" + kind), value, (_, sum) => sum + value);
        });
        listener.Start();
        await using var session = NewSession(fixture.Emulator, client.Token);

        await ReadMessagesAsync(session, client, 2, async () =>
        {
            await client.ControlAsync("send", new { text = "m1" });
            await client.ControlAsync("faults", new { fault = "failed_1" });
            await client.ControlAsync("send", new { text = "m2" });
        });

        Assert.True(measured.GetValueOrDefault("vklp.events") >= 2);
        Assert.True(measured.GetValueOrDefault("vklp.recoveries:failed_1") >= 1);
        Assert.True(measured.GetValueOrDefault("vklp.history_pages") >= 1);
    }

    [Fact]
    public async Task ApiOutage_IsWaitedOut()
    {
        using var client = fixture.NewClient();
        await client.ControlAsync("api_faults", new { error_code = 10, count = 8 }); // internal server error, again and again
        await using var session = NewSession(fixture.Emulator, client.Token);

        // Sent once the session has its first checkpoint: after getLongPollServer went through at last.
        var texts = await ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "after the outage" }));

        Assert.Equal(["after the outage"], texts);
    }

    [Fact]
    public async Task BadToken_IsAnAuthorizationError()
    {
        await using var session = NewSession(fixture.Emulator, "not-a-token");

        await Assert.ThrowsAsync<VkAuthorizationException>(async () =>
        {
            await foreach (var e in session.ReadEventsAsync())
            {
                _ = e;
            }
        });
    }

    [Fact]
    public async Task Cancellation_PassesThrough()
    {
        using var client = fixture.NewClient();
        await using var session = NewSession(fixture.Emulator, client.Token);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in session.ReadEventsAsync(cancellationToken: cancel.Token))
            {
                _ = e;
            }
        });
    }

    [Fact]
    public async Task Failed4_RenegotiatesToAVersionTheServerAccepts()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { MaxVersion = 11, ApiCallsPerSecond = 0 });
        using var client = new EmulatorClient(emulator);
        await using var session = NewSession(emulator, client.Token, version: 19);

        var texts = await ReadMessagesAsync(session, client, 1, () => client.ControlAsync("send", new { text = "spoken in 11" }));

        Assert.Equal(["spoken in 11"], texts);
        Assert.Equal(11, session.Checkpoint?.Version);
    }
}
