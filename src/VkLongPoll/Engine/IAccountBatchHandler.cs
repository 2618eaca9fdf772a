namespace VkLongPoll.Engine;

/// <summary>The one handler contract of every host: takes an account's batches, one at a time, in order.</summary>
/// <remarks>
/// <para>When <see cref="HandleAsync"/> returns, the engine saves the batch's checkpoint (at-least-once: a crash between the
/// two hands the batch over again), unless the handler committed it itself with <see cref="AccountBatch.CommitAsync(CancellationToken)"/>,
/// <see cref="AccountBatch.CommitAsync{TTransaction}"/> (its effects and the checkpoint in one transaction: exactly-once) or
/// <see cref="AccountBatch.MarkCommitted"/>.</para>
/// <para>An exception hands the batch over again after a pause (<see cref="AccountBatch.Attempt"/> counts), up to
/// <see cref="AccountEngineOptions.HandlerAttempts"/>; then <see cref="AccountEngineOptions.HandlerFailure"/> applies.
/// docs/delivery.md states the contract.</para>
/// </remarks>
public interface IAccountBatchHandler
{
    /// <summary>Handles one batch.</summary>
    /// <param name="batch">The account, its events, the checkpoint after them and the host's services.</param>
    /// <param name="cancellationToken">Cancelled only when the host gives up waiting: a stop lets a batch in progress finish.</param>
    ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken);
}
