using Microsoft.Extensions.DependencyInjection;

namespace VkLongPoll.Hosting;

/// <summary>Hands one batch to the handlers in a DI scope of its own: event handlers event by event, then batch handlers.</summary>
internal sealed class BatchDispatcher(IServiceScopeFactory scopes, EventHandlerRegistry eventHandlers)
{
    public async ValueTask DispatchAsync(string account, string checkpointName, LongPollBatch batch, int attempt, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var services = scope.ServiceProvider;
            var context = new LongPollBatchContext(account, checkpointName, batch, attempt, services);
            if (!eventHandlers.IsEmpty)
            {
                foreach (var longPollEvent in batch.Events)
                {
                    foreach (var route in eventHandlers.RoutesFor(longPollEvent.GetType()))
                    {
                        foreach (var handler in services.GetServices(route.HandlerInterface))
                        {
                            await route.Invoke(handler!, longPollEvent, context, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            // Last: a batch handler that commits the checkpoint commits after every other handler of the batch succeeded.
            foreach (var handler in services.GetServices<ILongPollBatchHandler>())
            {
                await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
