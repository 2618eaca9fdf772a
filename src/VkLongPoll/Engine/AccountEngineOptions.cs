using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VkLongPoll.Engine;

/// <summary>How an <see cref="AccountEngine"/> runs one account: its checkpoint, its handler's failures, its services.</summary>
public sealed class AccountEngineOptions
{
    /// <summary>The account's name, as logs, metrics and <see cref="AccountBatch.Account"/> give it; the source's checkpoint name when empty.</summary>
    public string? Account { get; set; }

    /// <summary>Where the checkpoint is loaded from at start and saved to after each batch; null keeps it in memory only (a restart starts from now).</summary>
    public ICheckpointStore? CheckpointStore { get; set; }

    /// <summary>Who saves the checkpoint after a batch; <see cref="CheckpointSaving.AfterHandler"/> (at-least-once) by default.</summary>
    public CheckpointSaving CheckpointSaving { get; set; } = CheckpointSaving.AfterHandler;

    /// <summary>How many times a batch is handed to the handler before <see cref="HandlerFailure"/> applies; 5 by default.</summary>
    public int HandlerAttempts { get; set; } = 5;

    /// <summary>What happens to a batch the handler failed on <see cref="HandlerAttempts"/> times; dead-lettered by default.</summary>
    public HandlerFailurePolicy HandlerFailure { get; set; } = HandlerFailurePolicy.DeadLetter;

    /// <summary>The pause between attempts at a failing batch: the one <see cref="RetryBackoff"/> (1 s doubling to 5 min by default).</summary>
    public RetryBackoff Backoff { get; set; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>Where dead-lettered batches go, besides the log, the metric and the <see cref="CheckpointStore"/> when it is an <see cref="IDeadLetterSink"/> too (SQLite's is).</summary>
    public IReadOnlyList<IDeadLetterSink> DeadLetterSinks { get; set; } = [];

    /// <summary>Makes a DI scope for every attempt at a batch (<see cref="AccountBatch.Services"/>); null gives handlers no services.</summary>
    public IServiceScopeFactory? Scopes { get; set; }

    /// <summary>The account's API client, for handlers (<see cref="AccountBatch.Api"/>, <see cref="AccountBatch.ReplyAsync"/>); null for none. Not disposed by the engine.</summary>
    public VkApiClient? Api { get; set; }

    /// <summary>What the host learns of the run; null for nothing.</summary>
    public AccountEngineObserver? Observer { get; set; }

    /// <summary>Clock for the pauses between attempts (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logs handler failures and dead letters (category <c>VkLongPoll.Engine</c>); null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
