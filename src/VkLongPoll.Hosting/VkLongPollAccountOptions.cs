namespace VkLongPoll.Hosting;

/// <summary>
/// How the host runs one account, beside its session options (<see cref="LongPollClientOptions"/>): both are named
/// options of the account's name, bound from <c>VkLongPoll</c> (defaults for every account) and then
/// <c>VkLongPoll:Accounts:{name}</c>.
/// </summary>
public sealed class VkLongPollAccountOptions
{
    /// <summary>Who saves the checkpoint after a batch; <see cref="CheckpointSaving.AfterHandler"/> (at-least-once) by default.</summary>
    public CheckpointSaving CheckpointSaving { get; set; } = CheckpointSaving.AfterHandler;

    /// <summary>How long the session may keep retrying (an outage), or a handler keep failing, before the health check says degraded.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>False leaves the account configured but not run.</summary>
    public bool Enabled { get; set; } = true;
}
