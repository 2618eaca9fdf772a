using VkLongPoll.Engine;

namespace VkLongPoll.Orleans;

/// <summary>How the account grains run; bound from configuration or set in code.</summary>
public sealed class VkLongPollOrleansOptions
{
    /// <summary>The Redis connection for fenced checkpoints (StackExchange.Redis configuration string); not needed when an <c>IConnectionMultiplexer</c> is registered.</summary>
    public string? Redis { get; set; }

    /// <summary>Prefix of the checkpoint keys in Redis.</summary>
    public string KeyPrefix { get; set; } = "vklp:";

    /// <summary>How often each account's reminder fires: after a silo is lost, its accounts start again on a survivor at their next tick.</summary>
    /// <remarks>The failover time is about this plus the cluster's failure detection. Orleans refuses periods under its
    /// <c>ReminderOptions.MinimumReminderPeriod</c> (one minute by default); lower that too for a shorter one.</remarks>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When a silo dies, one survivor calls each of its accounts at once, so they move in seconds rather than at their next reminder tick.</summary>
    /// <remarks>Off, a dead silo's accounts wait for their reminders (up to a few <see cref="KeepAlivePeriod"/>s).</remarks>
    public bool ResumeAccountsOfDeadSilos { get; set; } = true;

    /// <summary>How many times a batch is handed to the handler before <see cref="HandlerFailure"/> applies; 5 by default.</summary>
    public int HandlerAttempts { get; set; } = 5;

    /// <summary>What happens to a batch the handler failed on <see cref="HandlerAttempts"/> times: dead-lettered (handed to every registered <see cref="IDeadLetterSink"/>) by default; <see cref="HandlerFailurePolicy.StopAccount"/> restarts the session after <see cref="RestartDelay"/>.</summary>
    public HandlerFailurePolicy HandlerFailure { get; set; } = HandlerFailurePolicy.DeadLetter;

    /// <summary>How long a session that failed (a token VK refused, a handler under <see cref="HandlerFailurePolicy.StopAccount"/>) waits before starting again from its checkpoint.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Makes the HTTP handler every session of the silo shares; null for <see cref="LongPollHttp.CreateHandler"/>.</summary>
    public Func<HttpMessageHandler>? CreateHttpHandler { get; set; }
}
