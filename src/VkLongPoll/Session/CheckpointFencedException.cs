namespace VkLongPoll;

/// <summary>A checkpoint write was refused: a newer owner holds the account, or the write would move the checkpoint backwards.</summary>
/// <remarks>
/// Nothing was written. The run that gets this ends (<see cref="Engine.AccountEngine"/> never retries it): another owner
/// delivers the account's events now. The cluster's fenced store (VkLongPoll.Orleans) throws it.
/// </remarks>
public sealed class CheckpointFencedException : VkLongPollException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="account">The account whose checkpoint was not written.</param>
    /// <param name="epoch">The epoch of the lease that tried.</param>
    /// <param name="currentEpoch">The account's epoch in the store now.</param>
    public CheckpointFencedException(string account, long epoch, long currentEpoch)
        : base(currentEpoch != epoch
            ? $"the checkpoint of {account} belongs to a newer owner (epoch {currentEpoch}, this one {epoch})"
            : $"the checkpoint of {account} would move backwards (epoch {epoch})")
    {
        Account = account;
        Epoch = epoch;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The account whose checkpoint was not written.</summary>
    public string Account { get; }

    /// <summary>The epoch of the lease that tried.</summary>
    public long Epoch { get; }

    /// <summary>The account's epoch in the store when the write was refused.</summary>
    public long CurrentEpoch { get; }
}
