namespace VkLongPoll.Hosting;

/// <summary>Who saves an account's checkpoint after a batch: the delivery guarantee.</summary>
public enum CheckpointSaving
{
    /// <summary>
    /// At-least-once: the host saves the checkpoint to the registered <see cref="ICheckpointStore"/> once every handler of the
    /// batch returned. A crash between the two hands the batch over again on the next start.
    /// </summary>
    AfterHandler,

    /// <summary>
    /// Exactly-once: a batch handler commits the batch's effects and <see cref="LongPollBatchContext.Checkpoint"/> in one
    /// transaction of its own database; the host only loads the checkpoint at start (from the <see cref="ICheckpointStore"/>,
    /// which reads that database) and never saves it.
    /// </summary>
    ByHandler,
}
