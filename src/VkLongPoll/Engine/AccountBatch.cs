using VkLongPoll.Events;

namespace VkLongPoll.Engine;

/// <summary>One batch of one account as the handler sees it, in every host: the events, the checkpoint after them, and the ways to commit it.</summary>
public sealed class AccountBatch
{
    private readonly ICheckpointStore? _store;
    private readonly VkApiClient? _api;
    private readonly Dictionary<string, int> _replies = new(StringComparer.Ordinal);

    internal AccountBatch(string account, string checkpointName, LongPollBatch batch, int attempt, ICheckpointStore? store, IServiceProvider services, VkApiClient? api = null)
    {
        _api = api;
        Account = account;
        CheckpointName = checkpointName;
        Batch = batch;
        Attempt = attempt;
        Services = services;
        _store = store;
    }

    /// <summary>The account's name.</summary>
    public string Account { get; }

    /// <summary>The name the account's checkpoint is kept under: save <see cref="Checkpoint"/> with it to commit the batch in your own database.</summary>
    public string CheckpointName { get; }

    /// <summary>The batch.</summary>
    public LongPollBatch Batch { get; }

    /// <summary>The batch's events, in server order (may be empty: the position moved without any).</summary>
    public IReadOnlyList<LongPollEvent> Events => Batch.Events;

    /// <summary>Where the account resumes once this batch is handled.</summary>
    public LongPollCheckpoint Checkpoint => Batch.Checkpoint;

    /// <summary>True for events fetched through <c>getLongPollHistory</c> after a gap or a restart.</summary>
    public bool Recovered => Batch.Recovered;

    /// <summary>1 the first time the batch is handed over; more when an earlier attempt threw.</summary>
    public int Attempt { get; }

    /// <summary>The host's services: the batch's own DI scope under Hosting, the silo's under Orleans, none otherwise.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The account's VK API client (its token, renewed when it can be, paced per token).</summary>
    /// <exception cref="InvalidOperationException">The engine was given none (<see cref="AccountEngineOptions.Api"/>).</exception>
    public VkApiClient Api => _api ?? throw new InvalidOperationException($"the account {Account} has no API client (AccountEngineOptions.Api)");

    /// <summary>
    /// Replies to the message <paramref name="to"/> is about, in its conversation, <b>once</b>: the reply's <c>random_id</c> is
    /// derived from the account, the event and <paramref name="key"/> (<see cref="ReplyId"/>), so this batch handed over again,
    /// the call retried or the process restarted sends the same <c>random_id</c>, and VK keeps one message.
    /// </summary>
    /// <param name="to">A message event (a user's <c>MessageNewEvent</c>, a community's <c>CommunityMessageNew</c>…).</param>
    /// <param name="text">The reply.</param>
    /// <param name="key">Which reply to this event: by default its index among this handler's replies to it (0, 1…); give a
    /// name when the replies a handler sends depend on anything but the event (time, a lookup), so each keeps its own.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sent message's id (VK's answer to <c>messages.send</c>).</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is about no message with a peer.</exception>
    public async Task<long> ReplyAsync(Events.LongPollEvent to, string text, string? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(text);
        var peer = EventIdentity.MessageOf(to)?.PeerId ?? throw new ArgumentException($"a {to.Type} event is about no conversation to reply in", nameof(to));
        var identity = EventIdentity.Of(to);
        var index = _replies.GetValueOrDefault(identity);
        _replies[identity] = index + 1;
        var randomId = ReplyId.Derive(Account, identity, key ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var body = await Api.CallAsync("messages.send", [
            new("peer_id", peer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("random_id", randomId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("message", text),
        ], cancellationToken).ConfigureAwait(false);
        return ApiEnvelope.ReadNumber(body);
    }

    /// <summary>True once the batch's checkpoint was committed by the handler (the engine then does not save it again).</summary>
    public bool IsCommitted { get; private set; }

    /// <summary>Saves the checkpoint now, through the engine's store (before the handler's remaining work, if any).</summary>
    /// <exception cref="InvalidOperationException">The engine has no store, or the batch is already committed.</exception>
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        var store = StoreForCommit();
        await store.SaveAsync(CheckpointName, Checkpoint, cancellationToken).ConfigureAwait(false);
        IsCommitted = true;
    }

    /// <summary>Writes the batch's effects and its checkpoint in one transaction of the engine's store: exactly-once.</summary>
    /// <typeparam name="TTransaction">The store's transaction type (StackExchange.Redis' <c>ITransaction</c> in the cluster).</typeparam>
    /// <param name="effects">Queues the effects on the transaction and returns their task; null for none.</param>
    /// <param name="cancellationToken">Checked before the write.</param>
    /// <exception cref="NotSupportedException">The engine's store has no transactions of <typeparamref name="TTransaction"/>.</exception>
    /// <exception cref="CheckpointFencedException">Another owner holds the account; nothing was written. Let it propagate: the run ends.</exception>
    public async ValueTask CommitAsync<TTransaction>(Func<TTransaction, Task>? effects, CancellationToken cancellationToken)
    {
        if (StoreForCommit() is not ITransactionalCheckpointStore<TTransaction> store)
        {
            throw new NotSupportedException($"the checkpoint store of {Account} has no transactions of {typeof(TTransaction).Name}");
        }

        await store.CommitAsync(CheckpointName, Checkpoint, effects, cancellationToken).ConfigureAwait(false);
        IsCommitted = true;
    }

    /// <summary>Says the handler saved <see cref="Checkpoint"/> itself (with its effects, in its own database): the engine does not save it.</summary>
    public void MarkCommitted() => IsCommitted = true;

    private ICheckpointStore StoreForCommit()
    {
        if (IsCommitted)
        {
            throw new InvalidOperationException("this batch is already committed");
        }

        return _store ?? throw new InvalidOperationException($"the account {Account} has no checkpoint store to commit to");
    }
}
