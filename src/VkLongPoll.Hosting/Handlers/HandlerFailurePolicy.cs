namespace VkLongPoll.Hosting;

/// <summary>What happens to a batch whose handlers keep failing (<see cref="VkLongPollAccountOptions.HandlerFailure"/>).</summary>
public enum HandlerFailurePolicy
{
    /// <summary>
    /// After <see cref="VkLongPollAccountOptions.HandlerAttempts"/> attempts the batch is dead-lettered: logged with its
    /// events, counted, handed to every registered <see cref="IDeadLetterSink"/>, its checkpoint saved — and the account
    /// goes on. One message a handler cannot take does not silence the account.
    /// </summary>
    DeadLetter,

    /// <summary>The batch is handed over again and again (with the session's backoff) until the handlers take it; the account polls nothing meanwhile.</summary>
    RetryForever,
}
