using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VkLongPoll.Engine;

namespace VkLongPoll.Orleans;

/// <summary>
/// Runs one account's session as the activation's background worker (Orleans' "long-running reminder" recipe): a reminder keeps
/// the account alive across silo losses, a grain timer restarts a failed session, deactivation finishes the batch and saves.
/// </summary>
/// <remarks>
/// Random placement: sessions live for days and cost about the same, so an even spread is what matters; resource-optimized
/// placement (Orleans' default) measured load before the sessions created it and put nearly all of 300 accounts on one silo.
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
[global::Orleans.Placement.RandomPlacement]
internal sealed class VkAccountGrain(
    RedisCheckpointStore store,
    IVkAccountDirectory directory,
    IAccountBatchHandler handler,
    IEnumerable<IDeadLetterSink> deadLetterSinks,
    IServiceScopeFactory scopes,
    ILoggerFactory loggerFactory,
    SessionHttp http,
    IOptions<VkLongPollOrleansOptions> options,
    ILocalSiloDetails silo,
    ILogger<VkAccountGrain> logger) : Grain, IVkAccountGrain, IRemindable, IDisposable
{
    private const string ReminderName = "vklp-keep-alive";

    private readonly CancellationTokenSource _abort = new();
    private AccountSession? _session;
    private Task<AccountSessionEnd>? _run;
    private CancellationTokenSource? _stopping;
    private bool _wanted;

    private string Account => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Restarts a failed session; the reminder alone would wait a whole period.
        var delay = options.Value.RestartDelay;
        this.RegisterGrainTimer(WatchSessionAsync, new GrainTimerCreationOptions(delay, delay) { KeepAlive = true });

        // An account that has its reminder runs as soon as it is activated anywhere (a call, a migration, a rebalance),
        // not only at the reminder's next tick.
        if (await this.GetReminder(ReminderName, cancellationToken).ConfigureAwait(true) is not null)
        {
            _wanted = true;
            StartSessionIfIdle();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A deactivation (or a silo shutting down) finishes the batch in hand and saves it; only the deadline aborts the handler.
        using var abortOnDeadline = cancellationToken.Register(_abort.Cancel);
        await StopSessionAsync().ConfigureAwait(true);
    }

    /// <summary>Orleans disposes the activation's instance after it deactivated.</summary>
    public void Dispose()
    {
        // Past the deactivation deadline the session may still be finishing (its tokens were cancelled): it keeps its sources.
        if (_run is null || _run.IsCompleted)
        {
            _stopping?.Dispose();
            _abort.Dispose();
        }
    }

    public async Task StartAsync(LongPollCheckpoint? from = null)
    {
        if (from is not null)
        {
            await store.InitializeAsync(Account, from).ConfigureAwait(true);
        }

        var period = options.Value.KeepAlivePeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period).ConfigureAwait(true);
        _wanted = true;
        StartSessionIfIdle();
    }

    public async Task StopAsync()
    {
        _wanted = false;
        if (await this.GetReminder(ReminderName).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }

        await StopSessionAsync().ConfigureAwait(true);
        DeactivateOnIdle();
    }

    public Task<VkAccountStatus> GetStatusAsync()
    {
        if (!_wanted && _run is not { IsCompleted: false })
        {
            // Activated only to answer (a stopped account, a dead silo's list): do not stay active for ever.
            DeactivateOnIdle();
        }

        // The Long Poll key stays in the silo: a status travels to clients.
        return Task.FromResult(new VkAccountStatus(
            Account,
            _run is { IsCompleted: false },
            silo.SiloAddress.ToParsableString(),
            _session?.Lease?.Epoch ?? 0,
            _session?.Delivered ?? 0,
            _session?.Lease?.Saved is { } saved ? saved with { Key = null } : null));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A tick that was queued while the account was being stopped must not start it again.
        if (_run is not { IsCompleted: false } && await this.GetReminder(ReminderName).ConfigureAwait(true) is null)
        {
            return;
        }

        // The tick reaches the activation the directory names: it (re)takes the account, fencing any duplicate elsewhere.
        _wanted = true;
        StartSessionIfIdle();
    }

    private Task WatchSessionAsync(CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: true } run)
        {
            switch (run.Result)
            {
                case AccountSessionEnd.Failed when _wanted:
                    // Back from its checkpoint, unless another owner took the account meanwhile.
                    StartSessionIfIdle(retakeFrom: _session?.Lease?.Epoch);
                    break;
                case AccountSessionEnd.Fenced:
                    // Another activation owns the account: this one goes; a later call or tick finds the owner.
                    DeactivateOnIdle();
                    break;
            }
        }

        return Task.CompletedTask;
    }

    private void StartSessionIfIdle(long? retakeFrom = null)
    {
        if (_run is { IsCompleted: false })
        {
            return;
        }

        _stopping?.Dispose();
        _stopping = new CancellationTokenSource();
        var siloName = silo.SiloAddress.ToParsableString();
        _session = new AccountSession(Account, $"{siloName}/{GrainContext.ActivationId}", siloName, store, directory, handler, new AccountEngineOptions
        {
            HandlerAttempts = Math.Max(1, options.Value.HandlerAttempts),
            HandlerFailure = options.Value.HandlerFailure,
            DeadLetterSinks = [.. deadLetterSinks],
            Scopes = scopes,
            LoggerFactory = loggerFactory,
        }, http.Client, logger);

        // Off the grain's scheduler: the session is a long loop of network waits that must not block the grain's calls.
        var session = _session;
        var stopping = _stopping.Token;
        var abort = _abort.Token;
        _run = Task.Run(() => session.RunAsync(stopping, abort, retakeFrom), CancellationToken.None);
    }

    private async Task StopSessionAsync()
    {
        if (_run is null)
        {
            return;
        }

        await (_stopping?.CancelAsync() ?? Task.CompletedTask).ConfigureAwait(true);
        await _run.ConfigureAwait(true);
    }
}
