namespace VkLongPoll.Orleans;

/// <summary>Where a silo finds how to run an account: its token source and session settings, looked up by the account's name.</summary>
/// <remarks>
/// Grains are keyed by a name you choose (never the token). Tokens come from here on every activation, not from grain state,
/// so they are never written to the cluster's storage and a renewed token (<see cref="IAccessTokenSource"/>) is used where the
/// account moves.
/// </remarks>
public interface IVkAccountDirectory
{
    /// <summary>The account's session options (a <see cref="LongPollClientOptions.TokenSource"/> or token, API URL, mode…), or null when it is unknown here.</summary>
    /// <param name="account">The account's name.</param>
    /// <param name="cancellationToken">Stops the lookup.</param>
    /// <remarks>Its <see cref="LongPollClientOptions.CheckpointStore"/> is ignored: the grain keeps fenced checkpoints itself.</remarks>
    ValueTask<LongPollClientOptions?> GetSessionOptionsAsync(string account, CancellationToken cancellationToken);
}
