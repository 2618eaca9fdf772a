using Microsoft.Extensions.DependencyInjection;
using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>
/// The engine's handler under Hosting: hands a batch, in the DI scope the engine made for it, to the event handlers event
/// by event, then to every registered <see cref="IAccountBatchHandler"/>.
/// </summary>
internal sealed class BatchDispatcher(EventHandlerRegistry eventHandlers) : IAccountBatchHandler
{
    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        var services = batch.Services;
        if (!eventHandlers.IsEmpty)
        {
            foreach (var longPollEvent in batch.Events)
            {
                foreach (var route in eventHandlers.RoutesFor(longPollEvent.GetType()))
                {
                    foreach (var handler in services.GetServices(route.HandlerInterface))
                    {
                        await route.Invoke(handler!, longPollEvent, batch, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        // Last: a batch handler that commits the checkpoint commits after every other handler of the batch succeeded.
        foreach (var handler in services.GetServices<IAccountBatchHandler>())
        {
            await handler.HandleAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }
}
