using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VkLongPoll;
using VkLongPoll.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers VK Long Poll accounts as a hosted service.</summary>
public static class VkLongPollServiceCollectionExtensions
{
    /// <summary>The configuration section read by default.</summary>
    public const string DefaultSectionName = "VkLongPoll";

    /// <summary>
    /// Runs VK Long Poll accounts in the host: every child of <c>Accounts</c> in <paramref name="configuration"/> is an account
    /// (its <see cref="LongPollClientOptions"/> and <see cref="VkLongPollAccountOptions"/>, over defaults given beside
    /// <c>Accounts</c>), checked when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>VkLongPoll</c> section (or the root, which is then looked into for it); null adds no accounts from configuration.</param>
    /// <returns>A builder for handlers and accounts in code.</returns>
    public static VkLongPollBuilder AddVkLongPoll(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var accounts = Singleton(services, () => new AccountNames());
        var eventHandlers = Singleton(services, () => new EventHandlerRegistry());
        if (configuration is not null && !configuration.GetSection("Accounts").Exists() && configuration is IConfigurationRoot)
        {
            configuration = configuration.GetSection(DefaultSectionName);
        }

        if (configuration is not null)
        {
            services.AddOptions<VkLongPollHostingOptions>().Bind(configuration);
            var prefix = configuration is IConfigurationSection section ? section.Path + ":" : string.Empty;
            foreach (var account in configuration.GetSection("Accounts").GetChildren())
            {
                if (accounts.Add(account.Key, $"{prefix}Accounts:{account.Key}"))
                {
                    VkLongPollBuilder.BindAccount(services, account.Key, configuration, account);
                }
            }
        }

        services.TryAddSingleton<VkLongPollAccounts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LongPollClientOptions>, AccountOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VkLongPollAccountOptions>, AccountOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VkLongPollHostedService>());
        AddHttpClient(services);
        return new VkLongPollBuilder(services, accounts, eventHandlers, configuration);
    }

    /// <summary>The one client all accounts share: long-poll-friendly handler, no overall timeout, HTTP/2, and no request logging (the Long Poll URL carries the key).</summary>
    private static void AddHttpClient(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(HttpClientMarker)))
        {
            return;
        }

        services.AddSingleton<HttpClientMarker>();
        services.AddHttpClient(VkLongPollHostingOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                LongPollHttp.CreateHandler(provider.GetRequiredService<IOptions<VkLongPollHostingOptions>>().Value.TrustedCertificatePath))
            .ConfigureHttpClient(http =>
            {
                // As LongPollHttp.CreateClient: each poll is timed by its session, and HTTP/2 carries many held polls on one connection.
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestVersion = System.Net.HttpVersion.Version20;
                http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            })
            .RemoveAllLoggers();
    }

    private static T Singleton<T>(IServiceCollection services, Func<T> create)
        where T : class
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(T))?.ImplementationInstance is T existing)
        {
            return existing;
        }

        var created = create();
        services.AddSingleton(created);
        return created;
    }

    /// <summary>Marks the shared client as registered, so a second <c>AddVkLongPoll</c> does not add its handlers twice.</summary>
    private sealed class HttpClientMarker;
}
