namespace VkLongPoll.Engine;

/// <summary>What happens to a batch the handler keeps failing on (<see cref="AccountEngineOptions.HandlerFailure"/>).</summary>
public enum HandlerFailurePolicy
{
    /// <summary>
    /// After <see cref="AccountEngineOptions.HandlerAttempts"/> attempts the batch is dead-lettered: logged with its events,
    /// counted, handed to every <see cref="IDeadLetterSink"/>, its checkpoint saved — and the account goes on. One message a
    /// handler cannot take does not silence the account.
    /// </summary>
    DeadLetter,

    /// <summary>The batch is handed over again and again (with the backoff) until the handler takes it; the account polls nothing meanwhile.</summary>
    RetryForever,

    /// <summary>After <see cref="AccountEngineOptions.HandlerAttempts"/> attempts the account's run ends with the handler's exception (the batch is not saved: it comes again on the next run).</summary>
    StopAccount,
}
