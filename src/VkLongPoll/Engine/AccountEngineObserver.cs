namespace VkLongPoll.Engine;

/// <summary>What a host learns from its accounts' engines (status pages, counters); every method does nothing by default.</summary>
/// <remarks>Called on the account's own run, between batches: keep it short and never throw.</remarks>
public class AccountEngineObserver
{
    /// <summary>The checkpoint was loaded (null: a first start) and the source is about to be read from it.</summary>
    public virtual void OnResuming(string account, LongPollCheckpoint? from)
    {
    }

    /// <summary>The handler took <paramref name="batch"/> and its checkpoint is saved (or committed).</summary>
    public virtual void OnHandled(AccountBatch batch)
    {
    }

    /// <summary>The handler threw on <paramref name="batch"/>; it is handed over again after <paramref name="retryIn"/> (null: it is not, the failure policy applies).</summary>
    public virtual void OnHandlerFailed(AccountBatch batch, Exception exception, TimeSpan? retryIn)
    {
    }

    /// <summary>A batch was given up and its checkpoint saved: the account goes on past it.</summary>
    public virtual void OnDeadLettered(DeadLetter letter)
    {
    }
}
