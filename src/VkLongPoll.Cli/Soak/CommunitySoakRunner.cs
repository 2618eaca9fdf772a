using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using VkLongPoll.Callback;
using VkLongPoll.Cli.Community;
using VkLongPoll.Community;
using VkLongPoll.Engine;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Soak;

/// <summary>
/// <c>vklp soak --community</c>: communities of the in-process emulator read by the Bots Long Poll and the Callback API at
/// once — faults on each transport (<c>failed</c> 1/2/3, 5xx, resets and hangs on the one; timeouts after the record, lost
/// deliveries, repeats and forged secrets on the other), consumers killed mid-batch (the batch in hand unsaved) and started
/// again from their SQLite checkpoints —
/// then every event of the journal is looked for, once, among what the handlers got.
/// </summary>
internal sealed class CommunitySoakRunner(int events, int communities, int seed, string faults, TextWriter progress)
{
    /// <summary>How long the consumers may take to get every event (a hung poll waits out wait + margin; the sender pauses after failures).</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromMinutes(8);

    public async Task<CommunitySoakResult> RunAsync(CancellationToken cancellationToken)
    {
        var (rate, restarts) = ParseFaults(faults);
        var directory = Directory.CreateTempSubdirectory("vklp-soak-community-");
        try
        {
            // The emulator, the listener and the consumers are all stopped when this returns: nothing writes the folder any more.
            return await RunInAsync(directory.FullName, rate, restarts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private async Task<CommunitySoakResult> RunInAsync(string directory, double rate, bool restarts, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var emulator = await VkEmulator.StartAsync(new EmulatorOptions
        {
            Communities = communities,
            Seed = seed,
            ApiCallsPerSecond = 0,
            CommunityApiCallsPerSecond = 0,
            CallbackRetryDelay = TimeSpan.FromMilliseconds(20),
            CallbackPause = TimeSpan.FromMilliseconds(500),
        }, cancellationToken).ConfigureAwait(false);
        await using var stopEmulator = emulator.ConfigureAwait(false);
        var store = new SqliteCheckpointStore(Path.Combine(directory, "community.db"));
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var options = new VkCallbackOptions { Inbox = store };
        for (var i = 0; i < communities; i++)
        {
            options.Communities.Add(new VkCallbackCommunity(emulator.CommunityIds[i], emulator.CallbackConfirmationCode(i), secret));
        }

        var listener = await CallbackListener.StartAsync(new Uri("http://127.0.0.1:0/vk"), options, cancellationToken).ConfigureAwait(false);
        await using var stopListener = listener.ConfigureAwait(false);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var states = Enumerable.Range(0, communities).Select(i => new CommunityState(i, emulator.CommunityIds[i])).ToArray();
        var tasks = states.Select(state => Task.Run(() => ConsumeAsync(emulator, http, store, state, stop.Token), CancellationToken.None)).ToArray();
        try
        {
            // Count from the moment every consumer is connected and has taken a first event of each transport's.
            foreach (var state in states)
            {
                emulator.ConfigureCallback(state.Index, listener.Address, secret);
                state.StartTs = emulator.SendCommunityMessage(state.Index, "soak: start").Ts;
            }

            await WaitForAllAsync(emulator, states, tasks, s => s.StartTs - 1, cancellationToken).ConfigureAwait(false);
            if (rate > 0)
            {
                emulator.BotsFaults.SetRandom(rate, seed, [FaultKind.Failed1, FaultKind.Failed2, FaultKind.Failed3, FaultKind.Http500, FaultKind.Http502, FaultKind.Reset, FaultKind.Hang, FaultKind.Malformed, FaultKind.Truncated]);
                foreach (var state in states)
                {
                    emulator.CallbackFaults(state.Index).SetRandom(rate, seed + state.Index,
                        [CallbackFaultKind.TimeoutAfterRecord, CallbackFaultKind.ServerError, CallbackFaultKind.Duplicate, CallbackFaultKind.ForgedSecret]);
                }
            }

            await EmitAsync(emulator, states, restarts, cancellationToken).ConfigureAwait(false);
            await WaitForAllAsync(emulator, states, tasks, s => s.StartTs, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            await progress.WriteLineAsync("soak: " + e.Message).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks).ConfigureAwait(false);
            emulator.BotsFaults.Clear();
        }

        return Compare(emulator, states, clock.Elapsed);
    }

    private static (double Rate, bool Restarts) ParseFaults(string spec)
    {
        if (spec is "none" or "")
        {
            return (0, false);
        }

        if (spec == "all")
        {
            return (0.10, true);
        }

        var parts = spec.Split(',');
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1 || parts.Skip(1).Any(p => p != "restart"))
        {
            throw new ArgumentException("--faults with --community: all (10 % on each transport, and restarts), none, or RATE[,restart] (RATE from 0 to 1)");
        }

        return (rate, parts.Contains("restart"));
    }

    private async Task EmitAsync(VkEmulator emulator, CommunityState[] states, bool restarts, CancellationToken cancellationToken)
    {
        var randoms = states.Select(s => new Random((seed * 31) + s.Index)).ToArray();
        var restartEvery = Math.Max(1, events / 10);
        var nextRestart = restartEvery;
        var restartPick = new Random(seed);
        long emitted = 0;
        while (emitted < events)
        {
            emitted = 0;
            foreach (var state in states)
            {
                emitted += emulator.EmitCommunityScenario(state.Index, randoms[state.Index], 5) - state.StartTs;
            }

            if (restarts && emitted >= nextRestart)
            {
                nextRestart += restartEvery;
                states[restartPick.Next(states.Length)].Restart();
            }

            // Roughly a busy community's pace, so most events arrive live and some through recovery.
            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        await progress.WriteLineAsync($"soak: emitted {emitted} events in {states.Length} communities; waiting for the consumers to get them all").ConfigureAwait(false);
    }

    /// <summary>Waits until every journal event after each state's mark was handed over (or, past the limit, says so).</summary>
    private static async Task WaitForAllAsync(VkEmulator emulator, CommunityState[] states, Task[] tasks, Func<CommunityState, long> after, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (states.Any(s => Missing(emulator, s, after(s)) > 0))
        {
            if (tasks.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false);
            }

            if (deadline.Elapsed > CatchUpLimit)
            {
                throw new TimeoutException($"the consumers did not get every event within {CatchUpLimit.TotalMinutes:F0} minutes");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static int Missing(VkEmulator emulator, CommunityState state, long after)
    {
        var journal = emulator.CommunityJournal(state.Index);
        var got = Identified(journal, state).ToHashSet(StringComparer.Ordinal);
        return journal.Count(e => e.Ts > after && !got.Contains(e.EventId));
    }

    /// <summary>Each delivery's event id: its own, or — for a message recovered from pts, which has none — its message event's in the journal.</summary>
    private static List<string> Identified(IReadOnlyList<CommunityJournalEntry> journal, CommunityState state)
    {
        var byPlace = new Dictionary<(long?, long?), string>();
        foreach (var entry in journal.Where(e => e.Type is "message_new" or "message_reply"))
        {
            byPlace.TryAdd((entry.PeerId, entry.ConversationMessageId), entry.EventId);
        }

        lock (state.Delivered)
        {
            return [.. state.Delivered.Select(d => d.EventId.Length > 0 ? d.EventId
                : byPlace.GetValueOrDefault((d.PeerId, d.ConversationMessageId)) ?? $"recovered:{d.PeerId}:{d.ConversationMessageId}")];
        }
    }

    private static CommunitySoakResult Compare(VkEmulator emulator, CommunityState[] states, TimeSpan elapsed)
    {
        var total = new CommunitySoakResult(0, 0, 0, 0, 0, 0, elapsed);
        foreach (var state in states)
        {
            var journal = emulator.CommunityJournal(state.Index);
            var before = journal.Where(e => e.Ts <= state.StartTs).Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
            var delivered = Identified(journal, state).Where(id => !before.Contains(id)).ToList();
            var expected = journal.Where(e => e.Ts > state.StartTs).Select(e => e.EventId).ToList();
            var result = CommunitySoakResult.Compare(expected, delivered, state.Recovered, state.Restarts, elapsed);
            total = total with
            {
                Events = total.Events + result.Events,
                Delivered = total.Delivered + result.Delivered,
                Lost = total.Lost + result.Lost,
                Duplicated = total.Duplicated + result.Duplicated,
                RecoveredFromPts = total.RecoveredFromPts + result.RecoveredFromPts,
                Restarts = total.Restarts + result.Restarts,
            };
        }

        return total;
    }

    private static async Task ConsumeAsync(VkEmulator emulator, HttpClient http, SqliteCheckpointStore store, CommunityState state, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var restart = CancellationTokenSource.CreateLinkedTokenSource(stop);
            state.RestartSource = restart;
            var source = new CommunitySource(new CommunitySourceOptions
            {
                Connection = new LongPollClientOptions
                {
                    AccessToken = emulator.CommunityTokens[state.Index],
                    GroupId = state.GroupId,
                    ApiBaseUrl = emulator.ApiUrl,
                    ApiCallsPerSecond = 0,
                    Wait = 2,
                    RequestTimeoutMargin = TimeSpan.FromSeconds(2),
                    RetryDelay = TimeSpan.FromMilliseconds(10),
                    MaxRetryDelay = TimeSpan.FromMilliseconds(200),
                },
                CallbackInbox = store,
            }, http);
            await using var disposeSource = source.ConfigureAwait(false);
            // A kill, not a stop: the batch in hand is abandoned unsaved (handling cancelled too) and comes again on the next run.
            // What was handed over counts once its checkpoint is saved (the observer), as a transactional consumer's would.
            var recorder = new Recorder(state);
            await new AccountEngine(source, recorder, new AccountEngineOptions
            {
                CheckpointStore = store,
                HandlerFailure = HandlerFailurePolicy.StopAccount,
                Observer = recorder,
            }).RunAsync(restart.Token, restart.Token).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            state.Restarts++;
        }
    }

    /// <summary>One event the handler got: its id, or for a recovered message its place.</summary>
    private sealed record Delivery(string EventId, long? PeerId, long? ConversationMessageId);

    private sealed class Recorder(CommunityState state) : AccountEngineObserver, IAccountBatchHandler
    {
        public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public override void OnHandled(AccountBatch batch)
        {
            lock (state.Delivered)
            {
                foreach (var e in batch.Events.OfType<CommunityEvent>())
                {
                    var message = e switch
                    {
                        CommunityMessageNew m => m.Message,
                        CommunityMessageReply m => m.Message,
                        _ => null,
                    };
                    state.Delivered.Add(new Delivery(e.EventId, message?.PeerId?.Value, message?.ConversationMessageId));
                    if (e.EventId.Length == 0)
                    {
                        state.Recovered++;
                    }
                }
            }
        }
    }

    private sealed class CommunityState(int index, long groupId)
    {
        public int Index { get; } = index;

        public long GroupId { get; } = groupId;

        public List<Delivery> Delivered { get; } = [];

        public long Recovered { get; set; }

        public long Restarts { get; set; }

        public long StartTs { get; set; }

        public CancellationTokenSource? RestartSource { get; set; }

        public void Restart()
        {
            try
            {
                RestartSource?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Between consumers: nothing to kill.
            }
        }
    }
}
