using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>Runs every enabled account over one shared <see cref="HttpClient"/> until the host stops.</summary>
/// <remarks>
/// Stopping cancels the held polls at once but lets each batch in progress finish and its checkpoint be saved; only
/// when the host's shutdown timeout runs out are the handlers cancelled (that batch then comes again on the next start).
/// </remarks>
internal sealed partial class VkLongPollHostedService(
    IServiceProvider services,
    AccountNames accountNames,
    EventHandlerRegistry eventHandlers,
    IOptionsMonitor<LongPollClientOptions> sessionOptions,
    IOptionsMonitor<VkLongPollAccountOptions> accountOptions,
    IHttpClientFactory httpClients,
    VkLongPollAccounts accounts,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly CancellationTokenSource _handling = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger("VkLongPoll.Hosting");

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (accountNames.Names.Count == 0)
        {
            throw new OptionsValidationException("VkLongPoll", typeof(LongPollClientOptions),
                ["VkLongPoll: no accounts; add them under VkLongPoll:Accounts:{name} in configuration (AccessToken at least) or with AddAccount(name, ...)"]);
        }

        if (eventHandlers.IsEmpty && !services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IAccountBatchHandler)))
        {
            throw new OptionsValidationException("VkLongPoll", typeof(LongPollClientOptions),
                ["VkLongPoll: no handlers; add one with AddBatchHandler<T>() or AddEventHandler<T>()"]);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>How long, past the host's shutdown timeout, the accounts get to wind down once their handlers are cancelled.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout: until then batches in progress may finish.
        using (cancellationToken.Register(_handling.Cancel))
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        // The base's wait may resume inline on the timeout's cancellation, before the registration above had its turn.
        if (cancellationToken.IsCancellationRequested)
        {
            await _handling.CancelAsync().ConfigureAwait(false);
        }

        // Past the timeout the handlers are cancelled; wait for them to let go, so nothing of this host still runs once
        // the stop returns (a handler that ignores its token is left behind after WindDown).
        if (ExecuteTask is { IsCompleted: false } running)
        {
            await Task.WhenAny(running, Task.Delay(WindDown, CancellationToken.None)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var http = httpClients.CreateClient(VkLongPollHostingOptions.HttpClientName);
        var store = services.GetService<ICheckpointStore>();
        if (store is null)
        {
            NoCheckpointStore(_logger);
            store = new InMemoryCheckpointStore();
        }

        var dispatcher = new BatchDispatcher(eventHandlers);
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var time = services.GetService<TimeProvider>();
        var sinks = services.GetServices<IDeadLetterSink>().ToList();
        // A community's Callback deliveries: the inbox registered, else the checkpoint store's own (SQLite's is one).
        var inbox = services.GetService<VkLongPoll.Community.ICallbackInbox>() ?? store as VkLongPoll.Community.ICallbackInbox;
        var runs = new List<Task>();
        accounts.Expect(accountNames.Names.Where(name => accountOptions.Get(name).Enabled));
        foreach (var name in accountNames.Names)
        {
            var account = accountOptions.Get(name);
            if (!account.Enabled)
            {
                continue;
            }

            var options = sessionOptions.Get(name).Copy();
            options.CheckpointName ??= name;
            options.CheckpointStore = null; // the runner saves (or the handler commits) after the handlers, not the session
            options.LoggerFactory ??= loggerFactory;
            if (time is not null && options.TimeProvider == TimeProvider.System)
            {
                options.TimeProvider = time;
            }

            var runner = new AccountRunner(name, options, account, http, inbox, new AccountEngineOptions
            {
                Account = name,
                CheckpointStore = store,
                CheckpointSaving = account.CheckpointSaving,
                HandlerAttempts = Math.Max(1, account.HandlerAttempts),
                HandlerFailure = account.HandlerFailure,
                Backoff = options.Backoff(),
                DeadLetterSinks = sinks,
                Scopes = scopes,
                TimeProvider = options.TimeProvider,
                LoggerFactory = loggerFactory,
            }, dispatcher, accounts, loggerFactory.CreateLogger("VkLongPoll.Hosting.Account"));
            runs.Add(Task.Run(() => runner.RunAsync(stoppingToken, _handling.Token), CancellationToken.None));
        }

        await Task.WhenAll(runs).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested && runs.Count > 0)
        {
            // Every account ended with an error (a rejected token…): nothing is left to do. Failing the service lets the
            // host decide (by default it stops, so a supervisor sees it; HostOptions.BackgroundServiceExceptionBehavior).
            // The process then exits 1, not 0: a worker with nothing left to poll has failed.
            var reasons = accounts.Current.Select(s => $"{s.Name}: {(s.Status as LongPollStopped)?.Error?.Message.TrimEnd('.') ?? s.Status?.Describe()}");
            Environment.ExitCode = 1;
            throw new VkLongPollException($"VkLongPoll: every account stopped ({string.Join("; ", reasons)})");
        }
    }

    [LoggerMessage(10, LogLevel.Warning, "VkLongPoll: no ICheckpointStore is registered; checkpoints are kept in memory, so a restart starts from now and misses what came while stopped")]
    private static partial void NoCheckpointStore(ILogger logger);
}
