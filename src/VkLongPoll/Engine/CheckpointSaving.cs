namespace VkLongPoll.Engine;

/// <summary>Who saves an account's checkpoint after a batch: the delivery guarantee.</summary>
public enum CheckpointSaving
{
    /// <summary>
    /// At-least-once: the engine saves the checkpoint to its <see cref="ICheckpointStore"/> once the handler returned (unless
    /// the handler committed it). A crash between the two hands the batch over again on the next start.
    /// </summary>
    AfterHandler,

    /// <summary>
    /// Exactly-once: the handler commits the batch's effects and <see cref="AccountBatch.Checkpoint"/> in one transaction of
    /// its own database; the engine only loads the checkpoint at start (from the <see cref="ICheckpointStore"/>, which reads
    /// that database) and never saves it after a handled batch.
    /// </summary>
    ByHandler,
}
