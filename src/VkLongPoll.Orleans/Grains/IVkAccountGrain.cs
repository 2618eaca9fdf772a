namespace VkLongPoll.Orleans;

/// <summary>One VK account's Long Poll session in the cluster, keyed by the account's name (never its token).</summary>
/// <remarks>
/// <see cref="StartAsync"/> registers a reminder that keeps the account running: if its silo dies, the next tick activates the
/// grain on a survivor, which takes the account's fenced checkpoint and resumes from it. <see cref="StopAsync"/> removes it.
/// </remarks>
public interface IVkAccountGrain : IGrainWithStringKey
{
    /// <summary>Runs the account from now on (and after every failover), starting at <paramref name="from"/> when it has no checkpoint yet.</summary>
    /// <param name="from">Where a new account begins (e.g. a position read before it was added); null begins at the current moment. An existing checkpoint wins.</param>
    Task StartAsync(LongPollCheckpoint? from = null);

    /// <summary>Stops the account: finishes the batch in hand, saves, and removes the reminder. Its checkpoint stays for a later start.</summary>
    Task StopAsync();

    /// <summary>What the account's activation is doing.</summary>
    Task<VkAccountStatus> GetStatusAsync();
}
