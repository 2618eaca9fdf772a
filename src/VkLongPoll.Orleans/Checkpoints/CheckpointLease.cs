namespace VkLongPoll.Orleans;

/// <summary>The right to move one account's checkpoint: granted to one owner at a time, with an epoch that only grows.</summary>
/// <remarks>
/// Taking a lease (<see cref="RedisCheckpointStore.AcquireAsync(string, string, CancellationToken)"/>) raises the account's epoch, so every write of an earlier
/// owner fails from then on, whatever that owner believes. An Orleans grain can briefly have two activations while the
/// cluster is unstable; the lease is what keeps only one of them delivering.
/// </remarks>
public sealed class CheckpointLease
{
    internal CheckpointLease(string account, long epoch, string owner, LongPollCheckpoint? saved)
    {
        Account = account;
        Epoch = epoch;
        Owner = owner;
        Saved = saved;
    }

    /// <summary>The account the lease is for.</summary>
    public string Account { get; }

    /// <summary>The account's epoch when this lease was taken; a later lease has a larger one.</summary>
    public long Epoch { get; }

    /// <summary>Who holds it (a silo and activation), for logs and status; never a token.</summary>
    public string Owner { get; }

    /// <summary>The checkpoint stored under this lease last (or found when it was taken); null when the account has none.</summary>
    public LongPollCheckpoint? Saved { get; internal set; }
}
