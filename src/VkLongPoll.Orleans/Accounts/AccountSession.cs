using Microsoft.Extensions.Logging;
using VkLongPoll.Engine;

namespace VkLongPoll.Orleans;

/// <summary>How an account's session ended.</summary>
internal enum AccountSessionEnd
{
    /// <summary>Asked to stop; the batch in hand was finished and saved.</summary>
    Stopped,

    /// <summary>A newer owner took the account; nothing more is delivered here.</summary>
    Fenced,

    /// <summary>The directory does not know the account.</summary>
    Unknown,

    /// <summary>The handler or the session failed; it starts again from the checkpoint later.</summary>
    Failed,
}

/// <summary>
/// One account's session under a lease: take the account (raising its epoch), resume from its fenced checkpoint, hand each batch
/// to the handler through the one engine (which saves under the lease). What a grain activation runs in the background; not a grain itself, so a duplicate activation can be
/// reproduced in a test by running two.
/// </summary>
internal sealed class AccountSession(
    string account,
    string owner,
    string? silo,
    RedisCheckpointStore store,
    IVkAccountDirectory directory,
    IAccountBatchHandler handler,
    AccountEngineOptions engineOptions,
    HttpClient http,
    ILogger logger)
{
    private long _delivered;

    public string Account => account;

    /// <summary>Batches delivered (handled and saved, or dead-lettered) by this session.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The lease, once taken.</summary>
    public CheckpointLease? Lease { get; private set; }

    /// <summary>Why the session failed, when it did.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Runs until <paramref name="stopping"/> (the batch in hand is finished first), fencing, or a failure.</summary>
    /// <param name="stopping">Stops the polling; a batch being handled is finished and saved.</param>
    /// <param name="abort">Cancels a handler mid-batch (the silo is going away for good).</param>
    /// <param name="retakeFrom">The epoch this activation held last: a restart after a failure takes the account back only if no one took it since.</param>
    public async Task<AccountSessionEnd> RunAsync(CancellationToken stopping, CancellationToken abort, long? retakeFrom = null)
    {
        try
        {
            var options = await directory.GetSessionOptionsAsync(account, stopping).ConfigureAwait(false);
            if (options is null)
            {
                SessionLogs.UnknownAccount(logger, account);
                return AccountSessionEnd.Unknown;
            }

            options = options.Copy();
            options.CheckpointStore = null; // fenced checkpoints are saved here, under the lease
            options.CheckpointName ??= account;
            engineOptions.Backoff = options.Backoff();
            engineOptions.TimeProvider = options.TimeProvider;
            var lease = await store.AcquireAsync(account, owner, retakeFrom, stopping).ConfigureAwait(false);
            Lease = lease;
            if (silo is not null)
            {
                await store.AddToSiloAsync(silo, account).ConfigureAwait(false);
            }

            SessionLogs.Started(logger, account, lease.Epoch, lease.Saved?.Pts);
            var client = new LongPollClient(options, http);
            using var api = options.CreateApiClient(http);
            await using (client.ConfigureAwait(false))
            {
                engineOptions.Account = account;
                engineOptions.Api = api;
                engineOptions.CheckpointStore = new LeasedCheckpointStore(store, lease);
                engineOptions.Observer = new Counting(this);
                await new AccountEngine(client, handler, engineOptions).RunAsync(stopping, abort).ConfigureAwait(false);
            }

            return AccountSessionEnd.Stopped;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return AccountSessionEnd.Stopped;
        }
        catch (CheckpointFencedException e) when (e.CurrentEpoch != e.Epoch)
        {
            SessionLogs.Fenced(logger, account, e.Epoch, e.CurrentEpoch);
            return AccountSessionEnd.Fenced;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Failure = e;
            SessionLogs.Failed(logger, e, account);
            return AccountSessionEnd.Failed;
        }
    }

    /// <summary>Counts what the engine delivered.</summary>
    private sealed class Counting(AccountSession session) : AccountEngineObserver
    {
        public override void OnHandled(AccountBatch batch) => Interlocked.Increment(ref session._delivered);

        public override void OnDeadLettered(DeadLetter letter) => Interlocked.Increment(ref session._delivered);
    }
}
