using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>A User Long Poll session: typed events in server order, with every <c>failed</c> code and network fault recovered.</summary>
/// <remarks>
/// <c>failed: 1</c> and <c>3</c> recover the gap through <c>getLongPollHistory</c> from <c>pts</c>; <c>failed: 2</c> takes a new key and
/// keeps <c>ts</c>; <c>failed: 4</c> renegotiates the version; HTTP errors, timeouts, resets and malformed answers retry the
/// same <c>ts</c> with backoff. Nothing is skipped to get going again. See docs/delivery.md for the guarantee.
/// </remarks>
public sealed partial class LongPollClient : IUpdateSource, IAsyncDisposable
{
    private readonly LongPollClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly VkApiClient _api;
    private readonly ILogger _logger;
    private readonly SessionPacing _pacing;
    private int _version;

    /// <summary>Creates a session; nothing is sent until events are read.</summary>
    /// <param name="options">Copied; later changes do not affect this client.</param>
    /// <param name="httpClient">An <see cref="HttpClient"/> to share (its timeout should be infinite: the client times each poll itself); <see cref="LongPollHttp.CreateClient"/> makes one tuned for many held polls.</param>
    public LongPollClient(LongPollClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Copy();
        _options.Validate();
        _ownsHttp = httpClient is null;
        _http = httpClient ?? LongPollHttp.CreateClient(LongPollHttp.CreateHandler(proxy: _options.Proxy));
        var tokens = _options.Tokens();
        _api = new VkApiClient(tokens, new VkApiClientOptions
        {
            BaseUrl = _options.ApiBaseUrl,
            CallsPerSecond = _options.ApiCallsPerSecond,
            TimeProvider = _options.TimeProvider,
            CaptchaHandler = _options.CaptchaHandler,
            // The session retries API failures itself, with its own (configurable) backoff and without limit.
            MaxRetries = 0,
        }, _http);
        _logger = _options.LoggerFactory?.CreateLogger<LongPollClient>() ?? NullLogger<LongPollClient>.Instance;
        _version = _options.Version;
        Name = _options.CheckpointName ?? DefaultCheckpointName(tokens.AccountKey, _options.GroupId);
        _pacing = new SessionPacing(Name, _options, _logger);
    }

    /// <summary>
    /// The checkpoint name a session takes when none is given: <c>vk-</c> and the token source's account key (a hash of a
    /// plain token, never the token itself; <see cref="StaticAccessTokenSource.AccountKey"/>), then <c>-club</c> and the
    /// community when there is one.
    /// </summary>
    /// <param name="accountKey">The token source's <see cref="IAccessTokenSource.AccountKey"/>.</param>
    /// <param name="groupId">The community whose dialogs are watched, if any.</param>
    public static string DefaultCheckpointName(string accountKey, long? groupId = null) =>
        "vk-" + accountKey + (groupId is { } group ? "-club" + group.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>The store of the options, for a host that runs this client in an <see cref="AccountEngine"/>.</summary>
    internal ICheckpointStore? CheckpointStore => _options.CheckpointStore;

    /// <summary>The checkpoint's name in the store.</summary>
    public string Name { get; }

    /// <summary>The checkpoint after the last batch the consumer has taken; null before the first.</summary>
    public LongPollCheckpoint? Checkpoint { get; private set; }

    /// <summary>Events one by one, in server order; the checkpoint moves (and is saved to the store) once the consumer asks for the event after a batch.</summary>
    /// <param name="from">Where to start; null loads it from <see cref="LongPollClientOptions.CheckpointStore"/>, or starts from now.</param>
    /// <param name="cancellationToken">Stops reading; <see cref="OperationCanceledException"/> passes through.</param>
    public IAsyncEnumerable<LongPollEvent> ReadEventsAsync(LongPollCheckpoint? from = null, CancellationToken cancellationToken = default) =>
        ReportingEndAsync(EventsOf(CheckpointedBatchesAsync(from, cancellationToken)), cancellationToken);

    /// <summary>Batches with the checkpoint after each, one for every change of position: for consumers that store events and checkpoint together.</summary>
    /// <remarks>
    /// The same checkpoint model as <see cref="ReadEventsAsync"/>: null <paramref name="from"/> loads from the store, and
    /// <see cref="Checkpoint"/> moves (and the store saves) once the consumer asks for the batch after. An exactly-once consumer
    /// commits each batch's effects with <see cref="LongPollBatch.Checkpoint"/> in its own transaction (and needs no store).
    /// </remarks>
    /// <param name="from">Where to start; null loads it from <see cref="LongPollClientOptions.CheckpointStore"/>, or starts from now.</param>
    /// <param name="cancellationToken">Stops reading; <see cref="OperationCanceledException"/> passes through.</param>
    public IAsyncEnumerable<LongPollBatch> ReadBatchesAsync(LongPollCheckpoint? from = null, CancellationToken cancellationToken = default) =>
        ReportingEndAsync(CheckpointedBatchesAsync(from, cancellationToken), cancellationToken);

    /// <summary>The batches from <paramref name="from"/> (null: from now) for an <see cref="AccountEngine"/>, which loads and saves the checkpoint itself: the options' store is not touched.</summary>
    /// <param name="from">Where to resume.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<LongPollBatch> IUpdateSource.ReadAsync(LongPollCheckpoint? from, CancellationToken cancellationToken) =>
        ReportingEndAsync(CheckpointedBatchesAsync(from, cancellationToken, useStore: false), cancellationToken);

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

    private static async IAsyncEnumerable<LongPollEvent> EventsOf(IAsyncEnumerable<LongPollBatch> batches)
    {
        await foreach (var batch in batches.ConfigureAwait(false))
        {
            foreach (var e in batch.Events)
            {
                yield return e;
            }
        }
    }

    /// <summary>The batches, starting from the store when not told where; each checkpoint taken (and saved) once the consumer comes back for more.</summary>
    private async IAsyncEnumerable<LongPollBatch> CheckpointedBatchesAsync(LongPollCheckpoint? from, [EnumeratorCancellation] CancellationToken cancellationToken, bool useStore = true)
    {
        var store = useStore ? _options.CheckpointStore : null;
        if (from is null && store is not null)
        {
            from = await store.LoadAsync(Name, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var batch in ReadBatchesCoreAsync(from, cancellationToken).ConfigureAwait(false))
        {
            yield return batch;

            // The consumer came back for more: it has taken the whole batch.
            Checkpoint = batch.Checkpoint;
            if (store is not null)
            {
                await store.SaveAsync(Name, batch.Checkpoint, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private LongPollDecoder Decoder() => new(new LongPollDecoderOptions
    {
        Version = _version,
        Mode = _options.EffectiveMode(_version),
        // One odd event must not wedge the stream: it is delivered raw instead.
        MalformedEvents = MalformedEventHandling.KeepAsUnknown,
    });
}
