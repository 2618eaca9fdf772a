namespace VkLongPoll.Hosting;

/// <summary>Handles an account's batches: the events that belong together and the checkpoint after them.</summary>
/// <remarks>
/// Resolved from a new DI scope for every batch (a scoped <c>DbContext</c> lives one batch), after the batch's
/// <see cref="ILongPollEventHandler{TEvent}"/>s, so a handler that commits <see cref="LongPollBatchContext.Checkpoint"/>
/// commits after everything else in the batch succeeded. With <see cref="CheckpointSaving.ByHandler"/> that commit,
/// in the same transaction as the batch's effects, is what makes delivery exactly-once.
/// A batch may have no events (the position moved without any): commit the checkpoint anyway if you keep it yourself.
/// An exception retries the whole batch in a new scope after a pause; nothing is skipped.
/// </remarks>
public interface ILongPollBatchHandler
{
    /// <summary>Handles one batch.</summary>
    /// <param name="context">The batch, its account and checkpoint, and the scope's services.</param>
    /// <param name="cancellationToken">Cancelled only when the host's shutdown timeout runs out: a stop lets a batch in progress finish.</param>
    ValueTask HandleAsync(LongPollBatchContext context, CancellationToken cancellationToken);
}
