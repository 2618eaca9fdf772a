using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Many sessions in one process (one account each) over one shared, long-poll-friendly <see cref="HttpClient"/>.</summary>
/// <remarks>
/// Each session keeps its own checkpoint (name it per account in <see cref="LongPollClientOptions.CheckpointName"/>).
/// A session whose token is rejected stops alone; the others go on. Cancelling <see cref="RunAsync"/> stops all cleanly.
/// </remarks>
public sealed class LongPollPool : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly LongPollClient[] _clients;
    private readonly Dictionary<LongPollClient, Exception> _failures = [];

    /// <summary>Creates the sessions; nothing is sent until <see cref="RunAsync"/>.</summary>
    /// <param name="sessions">One options object per account.</param>
    /// <param name="handler">The shared handler; <see cref="LongPollHttp.CreateHandler"/> by default.</param>
    public LongPollPool(IEnumerable<LongPollClientOptions> sessions, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _http = LongPollHttp.CreateClient(handler);
        _clients = [.. sessions.Select(options => new LongPollClient(options, _http))];
    }

    /// <summary>The sessions, in the order of the options given.</summary>
    public IReadOnlyList<LongPollClient> Clients => _clients;

    /// <summary>Sessions that stopped with an error (a rejected token, an unsupported version), with the error.</summary>
    public IReadOnlyDictionary<LongPollClient, Exception> Failures
    {
        get
        {
            lock (_failures)
            {
                return new Dictionary<LongPollClient, Exception>(_failures);
            }
        }
    }

    /// <summary>Runs every session until <paramref name="cancellationToken"/> is cancelled, handing each event to <paramref name="onEvent"/>.</summary>
    /// <remarks>Events of one session arrive in order; sessions run concurrently.</remarks>
    public Task RunAsync(Func<LongPollClient, LongPollEvent, CancellationToken, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        return Task.WhenAll(_clients.Select(client => RunOneAsync(client, onEvent, cancellationToken)));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }

    private async Task RunOneAsync(LongPollClient client, Func<LongPollClient, LongPollEvent, CancellationToken, ValueTask> onEvent, CancellationToken cancellationToken)
    {
        // The pool's contract since 0.1: a handler's exception is the caller's (it ends the account and faults RunAsync).
        var engine = new AccountEngine(client, new EachEvent(client, onEvent), new AccountEngineOptions
        {
            CheckpointStore = client.CheckpointStore,
            HandlerAttempts = 1,
            HandlerFailure = HandlerFailurePolicy.StopAccount,
        });
        try
        {
            await engine.RunAsync(cancellationToken, cancellationToken).ConfigureAwait(false);
        }
        catch (VkLongPollException e)
        {
            lock (_failures)
            {
                _failures[client] = e;
            }
        }
    }

    /// <summary>Hands a batch's events one by one to the pool's callback.</summary>
    private sealed class EachEvent(LongPollClient client, Func<LongPollClient, LongPollEvent, CancellationToken, ValueTask> onEvent) : IAccountBatchHandler
    {
        public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
        {
            foreach (var e in batch.Events)
            {
                await onEvent(client, e, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
