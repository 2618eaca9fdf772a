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
    /// <summary>Message deliveries after which the <c>pts</c> is asked for again, so a gap's recovery starts near it.</summary>
    private const int PtsRefreshAfterMessages = 500;

    /// <summary>How long a fresh <c>pts</c> waits before it is the checkpoint's: messages sent before it was taken may still be on their way.</summary>
    private static readonly TimeSpan PtsSettles = TimeSpan.FromSeconds(30);

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
        var seen = SeenDeliveries.Decode(from?.Community?.Seen ?? string.Empty, _options.SeenCapacity, _options.SeenFor);
        var state = from is { Community: not null } ? from : null;
        if (state is null)
        {
            state = await StartAsync(cancellationToken).ConfigureAwait(false);
            yield return Batch([], state, seen, recovered: false);
        }
        else if (_options.CallbackInbox is not null && _backfillWorks)
        {
            // The endpoint may have been down while VK pushed: its messages are recovered from pts, the rest are retried by VK.
            await foreach (var batch in RecoverAsync(state, seen, LongPollRecoveryCause.NoKeyInCheckpoint, lost: null, cancellationToken).ConfigureAwait(false))
            {
                state = batch.Checkpoint;
                yield return batch;
            }
        }

        _pacing.Report(new LongPollStarted(state.Ts, state.Pts, 0, from is not null) { Connected = from is null });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<TransportBatch>(new BoundedChannelOptions(4) { SingleReader = true });
        var transports = StartTransports(state, channel.Writer, stop.Token);
        var pending = new PtsRefresh();
        try
        {
            await foreach (var raw in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (raw.Gap is { } cause)
                {
                    await foreach (var batch in RecoverAsync(state with { Ts = raw.Ts, Server = raw.Server, Key = raw.Key }, seen, cause, raw.LostEvents, cancellationToken).ConfigureAwait(false))
                    {
                        state = batch.Checkpoint;
                        yield return batch;
                    }

                    continue;
                }

                var events = Unseen(raw.Events, seen, time.GetUtcNow(), pending);
                state = raw.Transport == CommunityTransport.BotsLongPoll
                    ? state with { Ts = raw.Ts, Server = raw.Server, Key = raw.Key }
                    : state with { Community = state.Community! with { InboxPosition = raw.InboxPosition } };
                state = await RefreshPtsAsync(state, pending, cancellationToken).ConfigureAwait(false);
                yield return Batch(events, state, seen, recovered: false);

                // The consumer asked for the next batch: this one is committed, and the inbox may forget what it held.
                if (raw.Transport == CommunityTransport.Callback)
                {
                    await _options.CallbackInbox!.TrimAsync(_groupId, raw.InboxPosition, cancellationToken).ConfigureAwait(false);
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
    private Task StartTransports(LongPollCheckpoint state, ChannelWriter<TransportBatch> output, CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        if (_options.BotsLongPoll)
        {
            running.Add(Task.Run(async () =>
            {
                var (server, key) = (state.Server, state.Key);
                if (server is null || key is null)
                {
                    var fresh = await _bots.ServerAsync(cancellationToken).ConfigureAwait(false);
                    (server, key) = (fresh.Server, fresh.Key); // keep ts: VK says failed 1 if it is too old
                }

                await _bots.RunAsync(state.Ts, server, key, output, cancellationToken).ConfigureAwait(false);
            }, cancellationToken));
        }

        if (_options.CallbackInbox is { } inbox)
        {
            running.Add(Task.Run(() => new CallbackInboxTransport(_groupId, inbox).RunAsync(state.Community!.InboxPosition, output, cancellationToken), cancellationToken));
        }

        return Task.Run(async () =>
        {
            try
            {
                // The first transport to fail ends the source: its error reaches the reader.
                var first = await Task.WhenAny(running).ConfigureAwait(false);
                await first.ConfigureAwait(false);
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
        }, CancellationToken.None);
    }

    /// <summary>The events not handed over before, remembered from now on; a message is known by its event and by its place.</summary>
    private static List<LongPollEvent> Unseen(IReadOnlyList<CommunityEvent> events, SeenDeliveries seen, DateTimeOffset now, PtsRefresh pending)
    {
        var kept = new List<LongPollEvent>(events.Count);
        foreach (var e in events)
        {
            var eventKey = e.EventId.Length > 0 ? SeenDeliveries.EventKey(e.EventId) : null;
            var messageKey = CreatedMessage(e) is { } message ? SeenDeliveries.MessageKey(message) : null;
            if ((eventKey is not null && seen.Contains(eventKey)) || (messageKey is not null && seen.Contains(messageKey)))
            {
                LongPollMetrics.Duplicates.Add(1);
                continue;
            }

            if (eventKey is not null)
            {
                seen.Add(eventKey, now);
            }

            if (messageKey is not null)
            {
                seen.Add(messageKey, now);
                pending.MessagesSincePts++;
            }

            kept.Add(e);
        }

        return kept;
    }

    /// <summary>The message an event creates (a new message, or the community's own reply); edits are not creations.</summary>
    private static LongPollMessage? CreatedMessage(CommunityEvent e) => e switch
    {
        CommunityMessageNew created => created.Message,
        CommunityMessageReply reply => reply.Message,
        _ => null,
    };

    /// <summary>
    /// Recovers a gap's messages from <paramref name="state"/>'s pts; says what else is gone. Yields recovered batches; the last
    /// carries the checkpoint after the gap.
    /// </summary>
    private async IAsyncEnumerable<LongPollBatch> RecoverAsync(LongPollCheckpoint state, SeenDeliveries seen, LongPollRecoveryCause cause, long? lost, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = _connection.TimeProvider;
        var fromPts = state.Pts;
        var recovered = 0;
        if (!_backfillWorks || state.Pts <= 0)
        {
            _pacing.Report(new CommunityEventsLost(cause, lost, 0));
            yield return Batch([], state, seen, recovered: true);
            yield break;
        }

        _pacing.Report(new LongPollRecoveryStarted(cause, state.Pts));
        var pts = state.Pts;
        while (true)
        {
            var page = await _backfill.PageAsync(pts, cancellationToken).ConfigureAwait(false);
            if (page is not { } got)
            {
                // VK will not give the gap: go on from now, the gap's messages are lost (reported by the backfill).
                pts = await PtsOrNoneAsync(cancellationToken).ConfigureAwait(false);
                state = state with { Pts = pts };
                break;
            }

            var events = Unseen(got.Messages, seen, time.GetUtcNow(), new PtsRefresh());
            recovered += events.Count;
            pts = got.NewPts;
            state = state with { Pts = pts };
            yield return Batch(events, state, seen, recovered: true);
            if (!got.More)
            {
                break;
            }
        }

        _pacing.Report(new LongPollRecoveryFinished(cause, recovered, fromPts, pts));
        if (cause is LongPollRecoveryCause.HistoryLost or LongPollRecoveryCause.UserDataLost)
        {
            _pacing.Report(new CommunityEventsLost(cause, lost, recovered));
        }

        yield return Batch([], state, seen, recovered: true);
    }

    /// <summary>Asks for a fresh pts after many messages, and makes it the checkpoint's once it has settled.</summary>
    private async Task<LongPollCheckpoint> RefreshPtsAsync(LongPollCheckpoint state, PtsRefresh pending, CancellationToken cancellationToken)
    {
        if (!_backfillWorks)
        {
            return state;
        }

        var now = _connection.TimeProvider.GetUtcNow();
        if (pending.Candidate is { } candidate && now - pending.TakenAt >= PtsSettles)
        {
            pending.Candidate = null;
            return state with { Pts = Math.Max(state.Pts, candidate) };
        }

        if (pending.Candidate is null && pending.MessagesSincePts >= PtsRefreshAfterMessages)
        {
            pending.MessagesSincePts = 0;
            pending.Candidate = await PtsOrNoneAsync(cancellationToken).ConfigureAwait(false);
            pending.TakenAt = now;
        }

        return state;
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
            _pacing.Report(new CommunityEventsLost(LongPollRecoveryCause.NoKeyInCheckpoint, null, 0) { BackfillUnavailable = e.ErrorCode });
            return 0;
        }
    }

    private static LongPollBatch Batch(IReadOnlyList<LongPollEvent> events, LongPollCheckpoint state, SeenDeliveries seen, bool recovered) =>
        new(events, state with { Community = (state.Community ?? CommunityPosition.Empty) with { Seen = seen.Encode() } }, recovered);

    /// <summary>A fresh pts on its way to the checkpoint.</summary>
    private sealed class PtsRefresh
    {
        public int MessagesSincePts { get; set; }

        public long? Candidate { get; set; }

        public DateTimeOffset TakenAt { get; set; }
    }
}
