using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VkLongPoll.Internal;

namespace VkLongPoll.Engine;

/// <summary>
/// The one loop that runs an account, under every host: load the checkpoint, read the source's batches, hand each to the
/// handler, save its checkpoint; retry a failing handler by the one backoff and apply the failure policy; stop cleanly.
/// </summary>
/// <remarks>
/// The pool, Hosting, the Orleans grain and <c>vklp watch</c> each compose one engine per account and keep only what is
/// theirs (DI scopes and health, grains and fencing, terminal lines). docs/delivery.md states the contract.
/// </remarks>
public sealed partial class AccountEngine
{
    private readonly IUpdateSource _source;
    private readonly IAccountBatchHandler _handler;
    private readonly AccountEngineOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the engine of one account; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="source">Where the account's batches come from (a <see cref="LongPollClient"/>).</param>
    /// <param name="handler">Takes the batches.</param>
    /// <param name="options">Its checkpoint store, failure policy and services; defaults when null.</param>
    public AccountEngine(IUpdateSource source, IAccountBatchHandler handler, AccountEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(handler);
        _source = source;
        _handler = handler;
        _options = options ?? new AccountEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.HandlerAttempts, 1, nameof(options));
        Account = string.IsNullOrEmpty(_options.Account) ? source.Name : _options.Account;
        _logger = _options.LoggerFactory?.CreateLogger("VkLongPoll.Engine") ?? NullLogger.Instance;
    }

    /// <summary>The account's name.</summary>
    public string Account { get; }

    /// <summary>The checkpoint of the last batch handled (or loaded at start); null before either.</summary>
    public LongPollCheckpoint? Checkpoint { get; private set; }

    /// <summary>
    /// Runs until <paramref name="stopping"/> is cancelled (then returns), or until the source, the store or — under
    /// <see cref="HandlerFailurePolicy.StopAccount"/> — the handler throws (then that exception passes through). A fenced
    /// checkpoint (<see cref="CheckpointFencedException"/>) always ends the run.
    /// </summary>
    /// <param name="stopping">Stops reading at once; a batch in the handler's hands is finished and saved first.</param>
    /// <param name="handling">Cancels the handler mid-batch (the host will not wait any longer); the batch then comes again on the next run.</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken handling = default)
    {
        var store = _options.CheckpointStore;
        try
        {
            var from = store is null ? null : await store.LoadAsync(_source.Name, stopping).ConfigureAwait(false);
            Checkpoint = from;
            _options.Observer?.OnResuming(Account, from);
            await foreach (var batch in _source.ReadAsync(from, stopping).ConfigureAwait(false))
            {
                if (!await HandleAsync(batch, stopping, handling).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A clean stop.
        }
    }

    /// <summary>Hands a batch over until the handler (and the save) succeed or the policy gives it up; false when the run must end first (the batch then comes again).</summary>
    private async Task<bool> HandleAsync(LongPollBatch batch, CancellationToken stopping, CancellationToken handling)
    {
        for (var attempt = 1; ; attempt++)
        {
            var delay = await AttemptAsync(batch, attempt, handling).ConfigureAwait(false);
            if (delay is not { } pause)
            {
                return !handling.IsCancellationRequested;
            }

            try
            {
                await Task.Delay(pause, _options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping while the batch keeps failing: leave it unsaved for the next run rather than skip it.
                return false;
            }
        }
    }

    /// <summary>One attempt at a batch: null when it is done with (handled, dead-lettered, or the host gave up waiting); the pause before the next attempt otherwise.</summary>
    private async Task<TimeSpan?> AttemptAsync(LongPollBatch batch, int attempt, CancellationToken handling)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        using var activity = LongPollMetrics.Source.StartActivity("vk.longpoll.handle", ActivityKind.Consumer);
        activity?.SetTag("vk.longpoll.account", Account);
        activity?.SetTag("vk.longpoll.session", _source.Name);
        activity?.SetTag("vk.longpoll.events", batch.Events.Count);
        activity?.SetTag("vk.longpoll.recovered", batch.Recovered);
        activity?.SetTag("vk.longpoll.attempt", attempt);
        var scope = _options.Scopes?.CreateAsyncScope();
        try
        {
            return await AttemptInScopeAsync(batch, attempt, scope?.ServiceProvider ?? NoServices.Instance, started, activity, handling).ConfigureAwait(false);
        }
        finally
        {
            if (scope is { } own)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<TimeSpan?> AttemptInScopeAsync(LongPollBatch batch, int attempt, IServiceProvider services, long started, Activity? activity, CancellationToken handling)
    {
        var time = _options.TimeProvider;
        var delivery = new AccountBatch(Account, _source.Name, batch, attempt, _options.CheckpointStore, services, _options.Api);
        try
        {
            await _handler.HandleAsync(delivery, handling).ConfigureAwait(false);
            if (!delivery.IsCommitted && _options.CheckpointSaving == CheckpointSaving.AfterHandler && _options.CheckpointStore is { } store)
            {
                await store.SaveAsync(_source.Name, batch.Checkpoint, handling).ConfigureAwait(false);
            }

            LongPollMetrics.HandlerDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "ok"));
            LongPollMetrics.BatchesHandled.Add(1, new KeyValuePair<string, object?>("recovered", batch.Recovered));
            Checkpoint = batch.Checkpoint;
            _options.Observer?.OnHandled(delivery);
            return null;
        }
        catch (OperationCanceledException) when (handling.IsCancellationRequested)
        {
            // The host gave up waiting mid-batch: not saved, so it comes again on the next run.
            return null;
        }
        catch (CheckpointFencedException)
        {
            // Another owner runs the account now: nothing more is delivered here.
            throw;
        }
        catch (Exception e)
        {
            LongPollMetrics.HandlerDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "error"));
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            var policy = _options.HandlerFailure;
            if (policy != HandlerFailurePolicy.RetryForever && attempt >= _options.HandlerAttempts)
            {
                _options.Observer?.OnHandlerFailed(delivery, e, null);
                if (policy == HandlerFailurePolicy.StopAccount)
                {
                    throw;
                }

                await DeadLetterAsync(batch, e, attempt, handling).ConfigureAwait(false);
                return null;
            }

            var delay = _options.Backoff.DelayFor(attempt);
            HandlerFailed(_logger, e, Account, batch.Events.Count, attempt, Math.Round(delay.TotalSeconds, 1));
            _options.Observer?.OnHandlerFailed(delivery, e, delay);
            return delay;
        }
    }

    /// <summary>
    /// Gives a batch up: logged with its events' identities, counted, handed to every sink, its checkpoint saved (whoever
    /// saves it normally: no handler committed it) so the account goes on past it.
    /// </summary>
    private async Task DeadLetterAsync(LongPollBatch batch, Exception error, int attempts, CancellationToken handling)
    {
        var letter = new DeadLetter(Account, _source.Name, batch, error, attempts, _options.TimeProvider.GetUtcNow());
        DeadLettered(_logger, error, Account, batch.Events.Count, attempts, string.Join(", ", letter.EventIdentities));
        LongPollMetrics.BatchesDeadLettered.Add(1, new KeyValuePair<string, object?>("vk.longpoll.account", Account));
        // A store that can keep dead letters (SQLite's) keeps them without being registered as a sink too.
        IReadOnlyList<IDeadLetterSink> sinks = _options.CheckpointStore is IDeadLetterSink kept && !_options.DeadLetterSinks.Contains(kept)
            ? [.. _options.DeadLetterSinks, kept]
            : _options.DeadLetterSinks;
        foreach (var sink in sinks)
        {
            try
            {
                await sink.DeadLetterAsync(letter, handling).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !handling.IsCancellationRequested)
            {
                SinkFailed(_logger, e, Account, sink.GetType().Name);
            }
        }

        if (_options.CheckpointStore is { } store)
        {
            await store.SaveAsync(_source.Name, batch.Checkpoint, handling).ConfigureAwait(false);
        }

        Checkpoint = batch.Checkpoint;
        _options.Observer?.OnDeadLettered(letter);
    }

    [LoggerMessage(2, LogLevel.Error, "VK Long Poll account {Account}: a handler failed on a batch of {Events} events (attempt {Attempt}); the batch is handled again in {DelaySeconds} s")]
    private static partial void HandlerFailed(ILogger logger, Exception exception, string account, int events, int attempt, double delaySeconds);

    [LoggerMessage(5, LogLevel.Error, "VK Long Poll account {Account}: a batch of {Events} events was dead-lettered after {Attempts} failed attempts; the account goes on past it. Events: {Events2}")]
    private static partial void DeadLettered(ILogger logger, Exception exception, string account, int events, int attempts, string events2);

    [LoggerMessage(6, LogLevel.Error, "VK Long Poll account {Account}: the dead-letter sink {Sink} failed; the account goes on")]
    private static partial void SinkFailed(ILogger logger, Exception exception, string account, string sink);
}
