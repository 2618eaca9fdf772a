using System.Diagnostics;
using ActivityEvent = VkLongPoll.Events.ActivityEvent;
using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Sqlite;
using VkLongPoll.Testing;

namespace VkLongPoll.Cli.Soak;

/// <summary>
/// K sessions against an in-process emulator while a scenario emits N events and faults are injected (and,
/// with restarts, sessions are killed and restarted from their SQLite checkpoints); then each session's
/// deliveries are compared with the emulator's journal.
/// </summary>
internal sealed class SoakRunner(int events, int sessions, int seed, string faults, TextWriter progress)
{
    private const int Mode = 2 | 8 | 32 | 128 | 1024;

    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateTempSubdirectory("vklp-soak-");
        var emulator = await VkEmulator.StartAsync(new EmulatorOptions
        {
            Accounts = sessions,
            Seed = seed,
            ApiCallsPerSecond = 0,
            JournalCapacity = Math.Max(200_000, (events / sessions * 2) + 1000),
        }, cancellationToken).ConfigureAwait(false);
        await using var stopEmulator = emulator.ConfigureAwait(false);
        var restarts = ConfigureFaults(emulator.Faults);
        using var http = LongPollHttp.CreateClient(emulator.CreateTrustingHandler());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var states = Enumerable.Range(0, sessions).Select(i => new SessionState(i, new SqliteCheckpointStore(Path.Combine(directory.FullName, $"session-{i}.db")))).ToArray();
        var tasks = states.Select(state => Task.Run(() => ConsumeAsync(emulator, http, state, stop.Token), CancellationToken.None)).ToArray();
        try
        {
            await EmitAsync(emulator, states, tasks, restarts, cancellationToken).ConfigureAwait(false);
            await WaitForCatchUpAsync(emulator, states, tasks, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(tasks).ConfigureAwait(false);
            emulator.Faults.Clear();
        }

        var total = new SoakResult(0, 0, 0, 0, 0, 0, 0, TimeSpan.Zero);
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = 19, Mode = Mode });
        foreach (var state in states)
        {
            var journal = emulator.Journal(state.Account, 19, Mode).Where(entry => entry.Sent && entry.Ts > state.StartTs).ToList();
            var journalEvents = journal.Where(e => e.Persistent).Select(e => decoder.ReadEvent(e.Update)).ToList();
            var persistent = journalEvents.Select(EventKeys.Of).ToList();
            var result = SoakResult.Compare(persistent, journal.Count(e => !e.Persistent), EventKeys.Resolve(state.Persistent, journalEvents), state.Transient);
            total = total.Add(result with { Restarts = state.Restarts });
        }

        directory.Delete(recursive: true);
        return total with { Elapsed = clock.Elapsed };
    }

    private bool ConfigureFaults(FaultInjector injector)
    {
        if (faults is "none" or "")
        {
            return false;
        }

        if (faults == "all")
        {
            injector.SetRandom(0.02, seed);
            return true;
        }

        var spec = faults.Replace(",restart", string.Empty, StringComparison.Ordinal).Replace("restart", string.Empty, StringComparison.Ordinal);
        if (spec.Length > 0 && !Commands.EmulateCommand.TryApplyFaults(injector, spec, seed, out var error))
        {
            throw new ArgumentException($"--faults: {error}");
        }

        return faults.Contains("restart", StringComparison.Ordinal);
    }

    private async Task EmitAsync(VkEmulator emulator, SessionState[] states, Task[] sessionTasks, bool restarts, CancellationToken cancellationToken)
    {
        var randoms = states.Select(s => new Random(seed * 31 + s.Account)).ToArray();

        // Count from the moment every session is connected and caught up: earlier events are not theirs to deliver.
        foreach (var state in states)
        {
            emulator.EmitScenario(state.Account, randoms[state.Account], 1);
        }

        await WaitForCatchUpAsync(emulator, states, sessionTasks, cancellationToken).ConfigureAwait(false);
        foreach (var state in states)
        {
            state.StartTs = emulator.Position(state.Account).Ts;
            state.Persistent.Clear();
            state.Transient = 0;
        }

        var restartEvery = Math.Max(1, events / 10);
        var nextRestart = restartEvery;
        var restartPick = new Random(seed);
        long emitted = 0;
        while (emitted < events)
        {
            emitted = 0;
            foreach (var state in states)
            {
                emitted += emulator.EmitScenario(state.Account, randoms[state.Account], 5) - state.StartTs;
            }

            if (restarts && emitted >= nextRestart)
            {
                nextRestart += restartEvery;
                states[restartPick.Next(states.Length)].Restart();
            }

            // Roughly the pace of a busy account, so most events arrive live and some through recovery.
            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        await progress.WriteLineAsync($"soak: emitted {emitted} events in {sessions} accounts; waiting for the sessions to catch up").ConfigureAwait(false);
    }

    private static async Task WaitForCatchUpAsync(VkEmulator emulator, SessionState[] states, Task[] sessionTasks, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (states.Any(s => s.Checkpoint?.Ts != emulator.Position(s.Account).Ts))
        {
            if (sessionTasks.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed.ConfigureAwait(false); // a session died: surface why
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException("the sessions did not catch up within 5 minutes");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ConsumeAsync(VkEmulator emulator, HttpClient http, SessionState state, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var restart = CancellationTokenSource.CreateLinkedTokenSource(stop);
            state.RestartSource = restart;
            var client = new LongPollClient(new LongPollClientOptions
            {
                AccessToken = emulator.Tokens[state.Account],
                ApiBaseUrl = emulator.ApiUrl,
                ApiCallsPerSecond = 0,
                Wait = 2,
                RequestTimeoutMargin = TimeSpan.FromSeconds(2),
                RetryDelay = TimeSpan.FromMilliseconds(10),
                MaxRetryDelay = TimeSpan.FromMilliseconds(200),
                Mode = Mode,
            }, http);
            await using var disposeClient = client.ConfigureAwait(false);
            // The batch and its checkpoint are recorded together: what the consumer of docs/delivery.md does. A kill (the
            // restart token) ends the engine's run between batches or mid-poll; it starts again from the saved checkpoint.
            var recorder = new Recorder(state);
            await new AccountEngine(client, recorder, new AccountEngineOptions
            {
                CheckpointStore = state.Store,
                HandlerFailure = HandlerFailurePolicy.StopAccount,
                Observer = recorder,
            }).RunAsync(restart.Token).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            state.Restarts++;
        }
    }

    /// <summary>Records each batch's events (and, once saved, its checkpoint) in the session's state.</summary>
    private sealed class Recorder(SessionState state) : AccountEngineObserver, IAccountBatchHandler
    {
        public ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            foreach (var e in batch.Events)
            {
                if (e is ActivityEvent or FriendOnlineEvent or FriendOfflineEvent)
                {
                    state.Transient++;
                }
                else
                {
                    state.Persistent.Add(EventKeys.Of(e));
                }
            }

            return ValueTask.CompletedTask;
        }

        public override void OnHandled(AccountBatch batch) => state.Checkpoint = batch.Checkpoint;
    }

    private sealed class SessionState(int account, SqliteCheckpointStore store)
    {
        public int Account { get; } = account;

        public SqliteCheckpointStore Store { get; } = store;

        public List<string> Persistent { get; } = [];

        public int Transient { get; set; }

        public long Restarts { get; set; }

        public long StartTs { get; set; }

        public volatile LongPollCheckpoint? Checkpoint;

        public CancellationTokenSource? RestartSource { get; set; }

        public void Restart()
        {
            try
            {
                RestartSource?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The session was between clients; nothing to kill.
            }
        }
    }
}
