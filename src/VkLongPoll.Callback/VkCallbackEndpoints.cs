using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace VkLongPoll.Callback;

/// <summary>Maps VK's Callback API to an address of an ASP.NET Core app.</summary>
public static class VkCallbackEndpoints
{
    /// <summary>Registers the endpoint's options (communities, inbox) for <see cref="MapVkCallback(IEndpointRouteBuilder, string)"/>.</summary>
    public static IServiceCollection AddVkCallback(this IServiceCollection services, Action<VkCallbackOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<VkCallbackOptions>().Configure(configure);
        return services;
    }

    /// <summary>
    /// Answers VK's POSTs at <paramref name="pattern"/> with the options registered by <see cref="AddVkCallback"/>:
    /// the confirmation code, 403 for a wrong secret, and <c>ok</c> once each event is in the inbox.
    /// </summary>
    public static IEndpointConventionBuilder MapVkCallback(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<VkCallbackOptions>>().Value;
        return endpoints.MapVkCallback(pattern, options);
    }

    /// <summary>The same, with <paramref name="options"/> given here.</summary>
    public static IEndpointConventionBuilder MapVkCallback(this IEndpointRouteBuilder endpoints, string pattern, VkCallbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("VkLongPoll.Callback") ?? NullLogger.Instance;
        var receiver = new CallbackReceiver(options, logger);
        return endpoints.MapPost(pattern, receiver.HandleAsync);
    }
}
