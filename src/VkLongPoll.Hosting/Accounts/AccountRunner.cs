using Microsoft.Extensions.Logging;
using VkLongPoll.Community;
using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>
/// Runs one hosted account on the one <see cref="AccountEngine"/>; what it keeps is Hosting's own: the account's state for
/// health and <see cref="VkLongPollAccounts"/>, and the account's start and stop in the log.
/// </summary>
internal sealed partial class AccountRunner(
    string name,
    LongPollClientOptions sessionOptions,
    VkLongPollAccountOptions accountOptions,
    HttpClient http,
    ICallbackInbox? inbox,
    AccountEngineOptions engineOptions,
    BatchDispatcher dispatcher,
    VkLongPollAccounts accounts,
    ILogger logger)
{
    /// <summary>Runs until <paramref name="stopping"/> (polls stop at once) and lets a batch in progress finish unless <paramref name="handling"/> is cancelled too.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken handling)
    {
        var checkpointName = sessionOptions.CheckpointName!;
        accounts.Add(new VkLongPollAccountState(name, checkpointName).With(c => c.Running = true));
        sessionOptions.OnStatus = Chain(sessionOptions.OnStatus, OnStatus);
        var (source, status) = Source(inbox);
        await using var disposeSource = source.ConfigureAwait(false);
        // The handlers' API (AccountBatch.Api, ReplyAsync): the account's own token and pacing.
        using var api = sessionOptions.CreateApiClient(http);
        engineOptions.Api = api;
        engineOptions.Observer = new StateObserver(name, accounts, engineOptions.TimeProvider);
        Starting(logger, name, checkpointName, accountOptions.CheckpointSaving);
        try
        {
            await new AccountEngine((IUpdateSource)source, dispatcher, engineOptions).RunAsync(stopping, handling).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // This account ends; the others go on. Its health check turns unhealthy.
            var stopped = status() as LongPollStopped ?? new LongPollStopped(e is CheckpointStoreException ? LongPollStopReason.CheckpointStoreFailed : LongPollStopReason.Faulted) { Error = e };
            accounts.Update(name, s => s.With(c => 
            {
                c.Status = stopped;
                c.RetryingSince = null;
            }));
            // VK's refusals say everything in their message; anything else is a bug worth its stack trace.
            Failed(logger, e is VkLongPollException ? null : e, name, stopped.Reason, e.Message.TrimEnd('.'));
        }
        finally
        {
            accounts.Update(name, s => s.With(c => { c.Running = false; }));
            if (accounts[name]?.Checkpoint is { } checkpoint)
            {
                Stopped(logger, name, checkpoint.Ts, checkpoint.Pts);
            }
        }
    }

    /// <summary>The account's source: a user's session, or a community's transports; and how to ask it for its last status.</summary>
    private (IAsyncDisposable Source, Func<LongPollStatus?> Status) Source(ICallbackInbox? callbackInbox)
    {
        if (!accountOptions.IsCommunity)
        {
            var client = new LongPollClient(sessionOptions, http);
            return (client, () => client.Status);
        }

        if (accountOptions.Callback && callbackInbox is null)
        {
            throw new InvalidOperationException($"VK Long Poll account {name}: Callback is on, but no ICallbackInbox is registered (the inbox MapVkCallback records into)");
        }

        var community = new CommunitySource(new CommunitySourceOptions
        {
            Connection = sessionOptions,
            BotsLongPoll = accountOptions.BotsLongPoll,
            CallbackInbox = accountOptions.Callback ? callbackInbox : null,
            CheckpointName = sessionOptions.CheckpointName,
        }, http);
        return (community, () => community.Status);
    }

    private void OnStatus(LongPollStatus status) => accounts.Update(name, s => s.With(c => 
    {
        c.Status = status;
        c.RetryingSince = status is LongPollRetrying ? s.RetryingSince ?? status.Time : null;
        c.Ready = s.Ready || status is LongPollStarted;
    }));

    private static Action<LongPollStatus> Chain(Action<LongPollStatus>? first, Action<LongPollStatus> then) =>
        first is null ? then : status =>
        {
            then(status);
            first(status);
        };

    /// <summary>What the engine tells of the account, kept in its <see cref="VkLongPollAccountState"/>.</summary>
    private sealed class StateObserver(string name, VkLongPollAccounts accounts, TimeProvider time) : AccountEngineObserver
    {
        public override void OnResuming(string account, LongPollCheckpoint? from) => accounts.Update(name, s => s.With(c => { c.Checkpoint = from; }));

        public override void OnHandled(AccountBatch batch) => accounts.Update(name, s => s.With(c => 
        {
            c.Checkpoint = batch.Checkpoint;
            c.HandlerError = null;
            c.HandlerFailingSince = null;
            c.BatchesHandled = s.BatchesHandled + 1;
            c.EventsHandled = s.EventsHandled + batch.Events.Count;
        }));

        public override void OnHandlerFailed(AccountBatch batch, Exception exception, TimeSpan? retryIn)
        {
            var now = time.GetUtcNow();
            accounts.Update(name, s => s.With(c => 
            {
                c.HandlerError = exception;
                c.HandlerFailingSince = s.HandlerFailingSince ?? now;
            }));
        }

        public override void OnDeadLettered(DeadLetter letter) => accounts.Update(name, s => s.With(c => 
        {
            c.Checkpoint = letter.Batch.Checkpoint;
            c.HandlerError = null;
            c.HandlerFailingSince = null;
            c.DeadLettered = s.DeadLettered + 1;
            c.LastDeadLetteredAt = letter.Time;
        }));
    }

    [LoggerMessage(1, LogLevel.Information, "VK Long Poll account {Account} starting (checkpoint {CheckpointName}, saved {CheckpointSaving})")]
    private static partial void Starting(ILogger logger, string account, string checkpointName, CheckpointSaving checkpointSaving);

    [LoggerMessage(3, LogLevel.Critical, "VK Long Poll account {Account} stopped ({Reason}): {Message}")]
    private static partial void Failed(ILogger logger, Exception? exception, string account, LongPollStopReason reason, string message);

    [LoggerMessage(4, LogLevel.Information, "VK Long Poll account {Account} stopped at ts {Ts}, pts {Pts}")]
    private static partial void Stopped(ILogger logger, string account, long ts, long pts);
}
