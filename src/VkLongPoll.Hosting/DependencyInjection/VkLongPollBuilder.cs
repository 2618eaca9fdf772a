using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>Adds accounts and handlers to what <c>AddVkLongPoll</c> registered.</summary>
public sealed class VkLongPollBuilder
{
    private readonly AccountNames _accounts;
    private readonly EventHandlerRegistry _eventHandlers;
    private readonly IConfiguration? _defaults;

    internal VkLongPollBuilder(IServiceCollection services, AccountNames accounts, EventHandlerRegistry eventHandlers, IConfiguration? defaults)
    {
        Services = services;
        _accounts = accounts;
        _eventHandlers = eventHandlers;
        _defaults = defaults;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds an account (or configures one already bound from configuration further).</summary>
    /// <param name="name">Its name: the checkpoint's name unless <see cref="LongPollClientOptions.CheckpointName"/> says otherwise.</param>
    /// <param name="configure">Sets its session options in code (a <see cref="LongPollClientOptions.TokenSource"/>, a captcha handler…), after configuration.</param>
    /// <param name="configureHosting">Sets how the host runs it, after configuration.</param>
    public VkLongPollBuilder AddAccount(string name, Action<LongPollClientOptions>? configure = null, Action<VkLongPollAccountOptions>? configureHosting = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_accounts.Add(name, $"account '{name}'"))
        {
            BindAccount(Services, name, _defaults, section: null);
        }

        if (configure is not null)
        {
            Services.Configure(name, configure);
        }

        if (configureHosting is not null)
        {
            Services.Configure(name, configureHosting);
        }

        return this;
    }

    /// <summary>Adds a batch handler, resolved from the batch's scope (registered scoped).</summary>
    public VkLongPollBuilder AddBatchHandler<THandler>()
        where THandler : class, IAccountBatchHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Scoped<IAccountBatchHandler, THandler>());
        return this;
    }

    /// <summary>Adds a class that handles one or more event types (it implements <see cref="ILongPollEventHandler{TEvent}"/> for each); one instance per batch.</summary>
    public VkLongPollBuilder AddEventHandler<THandler>()
        where THandler : class
    {
        var interfaces = EventHandlerRegistry.HandlerInterfacesOf(typeof(THandler));
        if (interfaces.Count == 0)
        {
            throw new ArgumentException($"{typeof(THandler).Name} implements no ILongPollEventHandler<TEvent>", nameof(THandler));
        }

        if (!_eventHandlers.AddHandlerClass(typeof(THandler)))
        {
            return this;
        }

        Services.TryAddScoped<THandler>();
        foreach (var handlerInterface in interfaces)
        {
            _eventHandlers.Add(handlerInterface.GetGenericArguments()[0]);
            // One instance per batch for all the types a class handles.
            Services.AddScoped(handlerInterface, provider => provider.GetRequiredService<THandler>());
        }

        return this;
    }

    /// <summary>Binds an account's session and hosting options: shared defaults first, then the account's own section.</summary>
    internal static void BindAccount(IServiceCollection services, string name, IConfiguration? defaults, IConfiguration? section)
    {
        var session = services.AddOptions<LongPollClientOptions>(name);
        var hosting = services.AddOptions<VkLongPollAccountOptions>(name);
        if (defaults is not null)
        {
            session.Bind(defaults);
            hosting.Bind(defaults);
        }

        if (section is not null)
        {
            session.Bind(section);
            hosting.Bind(section);
        }

        session.ValidateOnStart();
        hosting.ValidateOnStart();
    }
}
