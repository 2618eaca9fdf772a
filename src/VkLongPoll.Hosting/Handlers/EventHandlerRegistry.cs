using System.Collections.Concurrent;
using System.Reflection;
using VkLongPoll.Events;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>The event types that have handlers, and for each concrete event type the handler interfaces that take it.</summary>
/// <remarks>Resolved once per event type and cached: the per-event cost is a dictionary lookup and the handlers' own calls.</remarks>
internal sealed class EventHandlerRegistry
{
    private static readonly MethodInfo InvokeMethod = typeof(EventHandlerRegistry).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly HashSet<Type> _handledTypes = [];
    private readonly HashSet<Type> _handlerClasses = [];
    private readonly ConcurrentDictionary<Type, Route[]> _routes = new();

    /// <summary>True when no event handler is registered.</summary>
    public bool IsEmpty => _handledTypes.Count == 0;

    /// <summary>The closed <see cref="ILongPollEventHandler{TEvent}"/> interfaces <paramref name="handlerType"/> implements.</summary>
    public static IReadOnlyList<Type> HandlerInterfacesOf(Type handlerType) =>
        [.. handlerType.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ILongPollEventHandler<>))];

    public void Add(Type eventType) => _handledTypes.Add(eventType);

    /// <summary>Remembers a handler class; false when it was added before.</summary>
    public bool AddHandlerClass(Type handlerType) => _handlerClasses.Add(handlerType);

    /// <summary>The handler interfaces to resolve for an event of <paramref name="eventType"/>, most general last.</summary>
    public Route[] RoutesFor(Type eventType) => _routes.GetOrAdd(eventType, type =>
        [.. _handledTypes
            .Where(handled => handled.IsAssignableFrom(type))
            .OrderByDescending(Depth)
            .Select(handled => new Route(
                typeof(ILongPollEventHandler<>).MakeGenericType(handled),
                InvokeMethod.MakeGenericMethod(handled).CreateDelegate<Func<object, LongPollEvent, AccountBatch, CancellationToken, ValueTask>>()))]);

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type; t is not null; t = t.BaseType)
        {
            depth++;
        }

        return depth;
    }

    private static ValueTask InvokeAsync<TEvent>(object handler, LongPollEvent longPollEvent, AccountBatch context, CancellationToken cancellationToken)
        where TEvent : LongPollEvent =>
        ((ILongPollEventHandler<TEvent>)handler).HandleAsync((TEvent)longPollEvent, context, cancellationToken);

    /// <summary>A handler interface and how to call it.</summary>
    internal sealed record Route(Type HandlerInterface, Func<object, LongPollEvent, AccountBatch, CancellationToken, ValueTask> Invoke);
}
