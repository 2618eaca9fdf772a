using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace VkLongPoll.Hosting;

/// <summary>Runs one account: load the checkpoint, read batches, hand each to the handlers until they succeed, save, repeat.</summary>
internal sealed partial class AccountRunner(
    string name,
    LongPollClientOptions sessionOptions,
    VkLongPollAccountOptions accountOptions,
    HttpClient http,
    ICheckpointStore store,
    BatchDispatcher dispatcher,
    VkLongPollAccounts accounts,
    IReadOnlyList<IDeadLetterSink> deadLetterSinks,
    ILogger logger)
{
    private readonly TimeProvider _time = sessionOptions.TimeProvider;

    /// <summary>Runs until <paramref name="stopping"/> (polls stop at once) and lets a batch in progress finish unless <paramref name="handling"/> is cancelled too.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken handling)
    {
        var checkpointName = sessionOptions.CheckpointName!;
        accounts.Add(new VkLongPollAccountState(name, checkpointName) { Running = true });
        sessionOptions.OnStatus = Chain(sessionOptions.OnStatus, OnStatus);
        var client = new LongPollClient(sessionOptions, http);
        await using var disposeClient = client.ConfigureAwait(false);
        Starting(logger, name, checkpointName, accountOptions.CheckpointSaving);
        try
        {
            var from = await store.LoadAsync(checkpointName, stopping).ConfigureAwait(false);
            accounts.Update(name, s => s with { Checkpoint = from });
            await foreach (var batch in client.ReadBatchesAsync(from, stopping).ConfigureAwait(false))
            {
                if (!await HandleAsync(checkpointName, batch, stopping, handling).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A clean stop.
        }
        catch (Exception e)
        {
            // This account ends; the others go on. Its health check turns unhealthy.
            var stopped = client.Status as LongPollStopped ?? new LongPollStopped(e is CheckpointStoreException ? LongPollStopReason.CheckpointStoreFailed : LongPollStopReason.Faulted) { Error = e };
            accounts.Update(name, s => s with { Status = stopped, RetryingSince = null });
            // VK's refusals say everything in their message; anything else is a bug worth its stack trace.
            Failed(logger, e is VkLongPollException ? null : e, name, stopped.Reason, e.Message.TrimEnd('.'));
        }
        finally
        {
            accounts.Update(name, s => s with { Running = false });
            if (accounts[name]?.Checkpoint is { } checkpoint)
            {
                Stopped(logger, name, checkpoint.Ts, checkpoint.Pts);
            }
        }
    }

    /// <summary>Hands a batch over until the handlers (and the save) succeed; false when the host stops first (the batch then comes again on the next start).</summary>
    private async Task<bool> HandleAsync(string checkpointName, LongPollBatch batch, CancellationToken stopping, CancellationToken handling)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan delay;
            var started = _time.GetTimestamp();
            using var activity = HostingTelemetry.Source.StartActivity("vk.longpoll.handle", ActivityKind.Consumer);
            activity?.SetTag("vk.longpoll.account", name);
            activity?.SetTag("vk.longpoll.session", checkpointName);
            activity?.SetTag("vk.longpoll.events", batch.Events.Count);
            activity?.SetTag("vk.longpoll.recovered", batch.Recovered);
            activity?.SetTag("vk.longpoll.attempt", attempt);
            try
            {
                await dispatcher.DispatchAsync(name, checkpointName, batch, attempt, handling).ConfigureAwait(false);
                if (accountOptions.CheckpointSaving == CheckpointSaving.AfterHandler)
                {
                    await store.SaveAsync(checkpointName, batch.Checkpoint, handling).ConfigureAwait(false);
                }

                HostingTelemetry.HandlerDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "ok"));
                HostingTelemetry.BatchesHandled.Add(1, new KeyValuePair<string, object?>("recovered", batch.Recovered));
                accounts.Update(name, s => s with
                {
                    Checkpoint = batch.Checkpoint,
                    HandlerError = null,
                    HandlerFailingSince = null,
                    BatchesHandled = s.BatchesHandled + 1,
                    EventsHandled = s.EventsHandled + batch.Events.Count,
                });
                return true;
            }
            catch (OperationCanceledException) when (handling.IsCancellationRequested)
            {
                // The host's shutdown timeout ran out mid-batch: not saved, so it comes again on the next start.
                return false;
            }
            catch (Exception e)
            {
                HostingTelemetry.HandlerDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "error"));
                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                var now = _time.GetUtcNow();
                accounts.Update(name, s => s with { HandlerError = e, HandlerFailingSince = s.HandlerFailingSince ?? now });
                if (accountOptions.HandlerFailure == HandlerFailurePolicy.DeadLetter && attempt >= Math.Max(1, accountOptions.HandlerAttempts))
                {
                    return await DeadLetterAsync(checkpointName, batch, e, attempt, handling).ConfigureAwait(false);
                }

                delay = _backoff.DelayFor(attempt);
                HandlerFailed(logger, e, name, batch.Events.Count, attempt, Math.Round(delay.TotalSeconds, 1));
            }

            try
            {
                await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping while the batch keeps failing: leave it unsaved for the next start rather than skip it.
                return false;
            }
        }
    }

    /// <summary>
    /// Gives a batch up: logged with its events' identities, counted, handed to every sink, its checkpoint saved (in either
    /// saving mode: no handler committed it) so the account goes on past it. False when the host stops first.
    /// </summary>
    private async Task<bool> DeadLetterAsync(string checkpointName, LongPollBatch batch, Exception error, int attempts, CancellationToken handling)
    {
        var letter = new DeadLetter(name, checkpointName, batch, error, attempts, _time.GetUtcNow());
        DeadLettered(logger, error, name, batch.Events.Count, attempts, string.Join(", ", letter.EventIdentities));
        HostingTelemetry.BatchesDeadLettered.Add(1, new KeyValuePair<string, object?>("vk.longpoll.account", name));
        foreach (var sink in deadLetterSinks)
        {
            try
            {
                await sink.DeadLetterAsync(letter, handling).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !handling.IsCancellationRequested)
            {
                SinkFailed(logger, e, name, sink.GetType().Name);
            }
        }

        try
        {
            await store.SaveAsync(checkpointName, batch.Checkpoint, handling).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (handling.IsCancellationRequested)
        {
            return false;
        }

        accounts.Update(name, s => s with
        {
            Checkpoint = batch.Checkpoint,
            HandlerError = null,
            HandlerFailingSince = null,
            DeadLettered = s.DeadLettered + 1,
            LastDeadLetteredAt = letter.Time,
        });
        return true;
    }

    private readonly RetryBackoff _backoff = sessionOptions.Backoff();

    private void OnStatus(LongPollStatus status) => accounts.Update(name, s => s with
    {
        Status = status,
        RetryingSince = status is LongPollRetrying ? s.RetryingSince ?? status.Time : null,
        Ready = s.Ready || status is LongPollStarted,
    });

    private static Action<LongPollStatus> Chain(Action<LongPollStatus>? first, Action<LongPollStatus> then) =>
        first is null ? then : status =>
        {
            then(status);
            first(status);
        };

    [LoggerMessage(1, LogLevel.Information, "VK Long Poll account {Account} starting (checkpoint {CheckpointName}, saved {CheckpointSaving})")]
    private static partial void Starting(ILogger logger, string account, string checkpointName, CheckpointSaving checkpointSaving);

    [LoggerMessage(2, LogLevel.Error, "VK Long Poll account {Account}: a handler failed on a batch of {Events} events (attempt {Attempt}); the batch is handled again in {DelaySeconds} s")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string account, int events, int attempt, double delaySeconds);

    [LoggerMessage(5, LogLevel.Error, "VK Long Poll account {Account}: a batch of {Events} events was dead-lettered after {Attempts} failed attempts; the account goes on past it. Events: {Events2}")]
    private static partial void DeadLettered(ILogger logger, Exception exception, string account, int events, int attempts, string events2);

    [LoggerMessage(6, LogLevel.Error, "VK Long Poll account {Account}: the dead-letter sink {Sink} failed; the account goes on")]
    private static partial void SinkFailed(ILogger logger, Exception exception, string account, string sink);

    [LoggerMessage(3, LogLevel.Critical, "VK Long Poll account {Account} stopped ({Reason}): {Message}")]
    private static partial void Failed(ILogger logger, Exception? exception, string account, LongPollStopReason reason, string message);

    [LoggerMessage(4, LogLevel.Information, "VK Long Poll account {Account} stopped at ts {Ts}, pts {Pts}")]
    private static partial void Stopped(ILogger logger, string account, long ts, long pts);
}
