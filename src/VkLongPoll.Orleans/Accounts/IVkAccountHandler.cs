namespace VkLongPoll.Orleans;

/// <summary>Receives each account's events, a batch at a time, in order, on the silo that runs the account.</summary>
/// <remarks>
/// <para>When <see cref="HandleAsync"/> returns without calling <see cref="VkAccountBatch.CommitAsync"/>, the grain saves the
/// checkpoint after it: at-least-once (a silo that dies between the two hands the batch again to the next owner).</para>
/// <para>For exactly-once, write the batch's effects with <see cref="VkAccountBatch.CommitAsync"/>: they land in the same Redis
/// transaction as the fenced checkpoint, or not at all. An exception stops the account's session; it restarts from the last
/// checkpoint (the batch comes again) after <see cref="VkLongPollOrleansOptions.RestartDelay"/>.</para>
/// </remarks>
public interface IVkAccountHandler
{
    /// <summary>Handles one batch.</summary>
    /// <param name="batch">The account, its events and the checkpoint after them.</param>
    /// <param name="cancellationToken">Cancelled only when the silo stops for good; a deactivation lets the batch finish.</param>
    Task HandleAsync(VkAccountBatch batch, CancellationToken cancellationToken);
}
