using VkLongPoll.Events;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>Handles the events of one type (and its subtypes) of every account: <c>ILongPollEventHandler&lt;MessageNewEvent&gt;</c> gets new messages.</summary>
/// <remarks>
/// Resolved from the batch's DI scope; called once per matching event, in server order, before the batch handlers.
/// One class may handle several types by implementing the interface for each. An exception retries the whole batch
/// (every handler of it) in a new scope, so these handlers are at-least-once: make their effects idempotent, or keep
/// exactly-once work in an <see cref="IAccountBatchHandler"/> that commits it with the checkpoint.
/// </remarks>
/// <typeparam name="TEvent">The event type; <see cref="LongPollEvent"/> for all of them.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A handler of Long Poll events (as DSharpPlus's IEventHandler<T>), not a .NET event delegate.")]
public interface ILongPollEventHandler<in TEvent>
    where TEvent : LongPollEvent
{
    /// <summary>Handles one event.</summary>
    /// <param name="longPollEvent">The event.</param>
    /// <param name="context">The batch it came in, its account and the scope's services.</param>
    /// <param name="cancellationToken">Cancelled only when the host's shutdown timeout runs out.</param>
    ValueTask HandleAsync(TEvent longPollEvent, AccountBatch context, CancellationToken cancellationToken);
}
