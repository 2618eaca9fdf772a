using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary>
/// A community's events for the one <see cref="AccountEngine"/>: the Bots Long Poll, the Callback API's inbox, or both at once,
/// merged in the order they arrive; each event handed over once although it may come by both, again after a reconnect, or
/// again as a Callback retry; and the messages of a gap recovered from the community's <c>pts</c>.
/// </summary>
/// <remarks>
/// The checkpoint is the Bots Long Poll's <c>ts</c>, server and key, the messages' <c>pts</c>, and a
/// <see cref="CommunityPosition"/>: the inbox position and the deliveries handled lately. It is saved with the batch (in the
/// handler's transaction when it commits with its effects), so "seen" and "done" cannot disagree. docs/communities.md states
/// the guarantee and its bounds.
/// </remarks>
public sealed class CommunitySource : IUpdateSource, IAsyncDisposable
{
    /// <summary>Message deliveries after which the checkpoint's <c>pts</c> is moved on, so a gap's recovery starts near it.</summary>
    private const int PtsRefreshAfterMessages = 500;

    /// <summary>The longest the checkpoint's <c>pts</c> stays behind while messages come (well inside what the seen set remembers).</summary>
    private static readonly TimeSpan PtsRefreshEvery = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time between two tries at moving the <c>pts</c> (each reads history pages).</summary>
    private static readonly TimeSpan PtsRefreshAtMost = TimeSpan.FromSeconds(15);

    private readonly CommunitySourceOptions _options;
    private readonly LongPollClientOptions _connection;
    private readonly long _groupId;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly VkApiClient _api;
    private readonly SessionPacing _pacing;
    private readonly BotsLongPollTransport _bots;
    private readonly MessageBackfill _backfill;
    private bool _backfillWorks;

    /// <summary>Creates the source; nothing is sent until it is read.</summary>
    /// <param name="options">Copied; later changes do not affect this source.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to share (infinite timeout; <see cref="LongPollHttp.CreateClient"/>).</param>
    public CommunitySource(CommunitySourceOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Copy();
        _options.Validate();
        _connection = _options.Connection;
        _groupId = _connection.GroupId!.Value;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? LongPollHttp.CreateClient(LongPollHttp.CreateHandler(proxy: _connection.Proxy));
        var tokens = _connection.Tokens();
        _api = new VkApiClient(tokens, new VkApiClientOptions
        {
            BaseUrl = _connection.ApiBaseUrl,
            CallsPerSecond = _connection.ApiCallsPerSecond,
            TimeProvider = _connection.TimeProvider,
            CaptchaHandler = _connection.CaptchaHandler,
            MaxRetries = 0, // retried here, with the session's backoff and without limit
        }, _http);
        Name = _options.CheckpointName ?? DefaultCheckpointName(tokens.AccountKey, _groupId);
        ILogger logger = _connection.LoggerFactory?.CreateLogger<CommunitySource>() ?? NullLogger<CommunitySource>.Instance;
        _pacing = new SessionPacing(Name, _connection, logger);
        _bots = new BotsLongPollTransport(_groupId, _api, _http, _connection, _pacing);
        _backfill = new MessageBackfill(_groupId, _api, _pacing);
        _backfillWorks = _options.BackfillMessages;
    }

    /// <summary>The checkpoint name a community source takes when none is given.</summary>
    /// <param name="accountKey">The token source's <see cref="IAccessTokenSource.AccountKey"/>.</param>
    /// <param name="groupId">The community.</param>
    public static string DefaultCheckpointName(string accountKey, long groupId) =>
        "vk-" + accountKey + "-community" + groupId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The community.</summary>
    public long GroupId => _groupId;

    /// <summary>The last status the source reported; null before it started.</summary>
    public LongPollStatus? Status => _pacing.Status;

    /// <inheritdoc/>
    public async IAsyncEnumerable<LongPollBatch> ReadAsync(LongPollCheckpoint? from, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = _connection.TimeProvider;
        if (from is { Community: null })
        {
            // A store that does not keep LongPollCheckpoint.Community would make every restart start from now, silently.
            throw new CheckpointStoreException(Name, "the saved checkpoint has no community position: the checkpoint store does not keep LongPollCheckpoint.Community (SQLite's, Redis' and the in-memory store do)");
        }

        var seen = SeenDeliveries.Decode(from?.Community?.Seen ?? string.Empty, _options.SeenCapacity, _options.SeenFor);
        var state = from;
        if (state is null)
        {
            state = await StartAsync(cancellationToken).ConfigureAwait(false);
            yield return Batch([], state, seen, recovered: false);
        }
        else if (_options.CallbackInbox is not null && _backfillWorks)
        {
            // The endpoint may have been down while VK pushed: its messages are recovered from pts, the rest are retried by VK.
            await foreach (var batch in RecoverAsync(state, after: null, seen, LongPollRecoveryCause.NoKeyInCheckpoint, lost: null, cancellationToken).ConfigureAwait(false))
            {
                state = batch.Checkpoint;
                yield return batch;
            }
        }

        _pacing.Report(new LongPollStarted(state.Ts, state.Pts, 0, from is not null) { Connected = from is null });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<TransportBatch>(new BoundedChannelOptions(4) { SingleReader = true });
        var transports = StartTransports(state, channel.Writer, stop.Token);
        var refresh = new PtsRefresh(time.GetUtcNow());
        try
        {
            await foreach (var raw in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (raw.Gap is { } cause)
                {
                    await foreach (var batch in RecoverAsync(state, raw, seen, cause, raw.LostEvents, cancellationToken).ConfigureAwait(false))
                    {
                        state = batch.Checkpoint;
                        yield return batch;
                    }

                    continue;
                }

                var now = time.GetUtcNow();
                var events = new List<LongPollEvent>(raw.Events.Count);
                foreach (var e in raw.Events)
                {
                    if (!seen.TryTake(e, now))
                    {
                        LongPollMetrics.Duplicates.Add(1);
                        continue;
                    }

                    refresh.Messages += SeenDeliveries.CreatedMessage(e) is null ? 0 : 1;
                    events.Add(e);
                }

                state = raw.Transport == CommunityTransport.BotsLongPoll
                    ? state with { Ts = raw.Ts, Server = raw.Server, Key = raw.Key }
                    : state with { Community = state.Community! with { InboxPosition = raw.InboxPosition } };
                state = await RefreshPtsAsync(state, seen, refresh, now, cancellationToken).ConfigureAwait(false);
                yield return Batch(events, state, seen, recovered: false);

                // The consumer asked for the next batch: this one is committed, and the inbox may forget what it held.
                if (raw.Transport == CommunityTransport.Callback)
                {
                    await TrimInboxAsync(raw.InboxPosition, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await transports.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A first start: the Bots Long Poll's server from now and the messages' pts from now.</summary>
    private async Task<LongPollCheckpoint> StartAsync(CancellationToken cancellationToken)
    {
        var bots = _options.BotsLongPoll ? await _bots.ServerAsync(cancellationToken).ConfigureAwait(false) : null;
        var pts = await PtsOrNoneAsync(cancellationToken).ConfigureAwait(false);
        return new LongPollCheckpoint(bots?.Ts ?? 0, pts, bots?.Server, bots?.Key, 0) { Community = CommunityPosition.Empty };
    }

    /// <summary>Both transports, each writing into <paramref name="output"/>; the channel is completed (with the error, if one failed) when they end.</summary>
    private Task StartTransports(LongPollCheckpoint state, ChannelWriter<TransportBatch> output, CancellationToken stopping)
    {
        var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancellationToken = stopOthers.Token;
        var running = new List<Task>();
        if (_options.BotsLongPoll)
        {
            running.Add(Task.Run(async () =>
            {
                var (server, key, ts) = (state.Server, state.Key, state.Ts);
                if (server is null || key is null)
                {
                    var fresh = await _bots.ServerAsync(cancellationToken).ConfigureAwait(false);
                    // Keep ts (VK says failed 1 if it is too old), unless there is none: the Bots Long Poll was just turned on.
                    (server, key, ts) = (fresh.Server, fresh.Key, ts > 0 ? ts : fresh.Ts);
                }

                await _bots.RunAsync(ts, server, key, output, cancellationToken).ConfigureAwait(false);
            }, cancellationToken));
        }

        if (_options.CallbackInbox is { } inbox)
        {
            running.Add(Task.Run(() => new CallbackInboxTransport(_groupId, inbox, _pacing).RunAsync(state.Community!.InboxPosition, output, cancellationToken), cancellationToken));
        }

        return Task.Run(async () =>
        {
            try
            {
                // The first transport to end (only a failure ends one) ends the source: its error reaches the reader, and the
                // other is stopped and awaited, so nothing of this source runs on after it.
                var first = await Task.WhenAny(running).ConfigureAwait(false);
                try
                {
                    await first.ConfigureAwait(false);
                }
                finally
                {
                    await stopOthers.CancelAsync().ConfigureAwait(false);
                    await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                output.TryComplete();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.TryComplete();
            }
            catch (Exception e)
            {
                output.TryComplete(e);
            }
            finally
            {
                stopOthers.Dispose();
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Recovers a gap's messages from <paramref name="state"/>'s pts and says what else is gone. The recovered batches keep the
    /// position before the gap, so a restart in the middle recovers the rest (the old <c>ts</c> meets <c>failed</c> again); the
    /// last one moves to <paramref name="after"/>'s position, where the transport goes on.
    /// </summary>
    private async IAsyncEnumerable<LongPollBatch> RecoverAsync(LongPollCheckpoint state, TransportBatch? after, SeenDeliveries seen, LongPollRecoveryCause cause, long? lost, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fromPts = state.Pts;
        var recovered = 0;
        if (_backfillWorks && state.Pts > 0)
        {
            _pacing.Report(new LongPollRecoveryStarted(cause, state.Pts));
            var pts = state.Pts;
            while (true)
            {
                if (await _backfill.PageAsync(pts, cancellationToken).ConfigureAwait(false) is not { } page)
                {
                    // VK will not give the gap (reported): go on from now; the gap's messages are lost.
                    state = state with { Pts = await PtsOrNoneAsync(cancellationToken).ConfigureAwait(false) };
                    break;
                }

                var now = _connection.TimeProvider.GetUtcNow();
                var events = page.Messages.Where(m => seen.TryTake(m, now)).ToList<LongPollEvent>();
                recovered += events.Count;
                pts = page.NewPts;
                state = state with { Pts = pts };
                if (events.Count > 0 || page.More)
                {
                    yield return Batch(events, state, seen, recovered: true);
                }

                if (!page.More)
                {
                    break;
                }
            }

            _pacing.Report(new LongPollRecoveryFinished(cause, recovered, fromPts, state.Pts));
        }

        if (cause != LongPollRecoveryCause.NoKeyInCheckpoint || !_backfillWorks)
        {
            _pacing.Report(new CommunityEventsLost(cause, lost, recovered) { MessagesRecoverable = _backfillWorks });
        }

        if (after is not null)
        {
            state = state with { Ts = after.Ts, Server = after.Server, Key = after.Key };
        }

        yield return Batch([], state, seen, recovered: true);
    }

    /// <summary>
    /// Moves the checkpoint's pts on, after many messages or a while: only as far as every message before it was handed over
    /// (<see cref="MessageBackfill.AdvanceAsync"/>), so a later gap recovers from near it and brings nothing again.
    /// </summary>
    private async Task<LongPollCheckpoint> RefreshPtsAsync(LongPollCheckpoint state, SeenDeliveries seen, PtsRefresh refresh, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Never more often than PtsRefreshAtMost (a try that could not move waits too); after many messages, or a while.
        if (!_backfillWorks || state.Pts <= 0 || refresh.Messages == 0 || now - refresh.At < PtsRefreshAtMost
            || (refresh.Messages < PtsRefreshAfterMessages && now - refresh.At < PtsRefreshEvery))
        {
            return state;
        }

        refresh.At = now;
        var pts = await _backfill.AdvanceAsync(state.Pts, seen, cancellationToken).ConfigureAwait(false);
        if (pts > state.Pts)
        {
            refresh.Messages = 0;
        }

        return state with { Pts = pts };
    }

    /// <summary>Forgets what the inbox held up to <paramref name="position"/>; a failure waits for the next trim, which covers it.</summary>
    private async Task TrimInboxAsync(long position, CancellationToken cancellationToken)
    {
        try
        {
            await _options.CallbackInbox!.TrimAsync(_groupId, position, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointStoreException)
        {
            // The entries stay a little longer; the checkpoint is past them, so they are never handed over again.
        }
    }

    /// <summary>The community's pts; 0 (and recovery off) when the token may not read the community's messages.</summary>
    private async Task<long> PtsOrNoneAsync(CancellationToken cancellationToken)
    {
        if (!_backfillWorks)
        {
            return 0;
        }

        try
        {
            return await _backfill.PtsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (VkApiException e) when (e is not VkAuthorizationException)
        {
            // No messages access (or messages are off in the community): events still come, gaps cannot be backfilled.
            _backfillWorks = false;
            _pacing.Report(new CommunityEventsLost(LongPollRecoveryCause.NoKeyInCheckpoint, null, 0) { BackfillUnavailable = e.ErrorCode, MessagesRecoverable = false });
            return 0;
        }
    }

    private static LongPollBatch Batch(IReadOnlyList<LongPollEvent> events, LongPollCheckpoint state, SeenDeliveries seen, bool recovered) =>
        new(events, state with { Community = (state.Community ?? CommunityPosition.Empty) with { Seen = seen.Encode() } }, recovered);

    /// <summary>Messages handed over since the pts last moved, and when it was last tried.</summary>
    private sealed class PtsRefresh(DateTimeOffset at)
    {
        public int Messages { get; set; }

        public DateTimeOffset At { get; set; } = at;
    }
}
