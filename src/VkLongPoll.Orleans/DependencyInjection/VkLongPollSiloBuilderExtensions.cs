using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using VkLongPoll.Engine;

namespace VkLongPoll.Orleans;

/// <summary>Registers the account grains on a silo.</summary>
public static class VkLongPollSiloBuilderExtensions
{
    /// <summary>Runs VK accounts on this silo: <typeparamref name="TDirectory"/> says how to run each one, <typeparamref name="THandler"/> receives their batches.</summary>
    /// <remarks>
    /// The silo also needs reminders (e.g. <c>UseRedisReminderService</c>) and, in production, clustering on a real store
    /// (e.g. <c>UseRedisClustering</c>): see docs/scale-out.md. Checkpoints go to <see cref="VkLongPollOrleansOptions.Redis"/>
    /// unless an <see cref="IConnectionMultiplexer"/> is registered.
    /// </remarks>
    public static ISiloBuilder AddVkLongPollAccounts<TDirectory, THandler>(this ISiloBuilder builder, Action<VkLongPollOrleansOptions>? configure = null)
        where TDirectory : class, IVkAccountDirectory
        where THandler : class, IAccountBatchHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<VkLongPollOrleansOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var services = builder.Services;
        services.TryAddSingleton<IVkAccountDirectory, TDirectory>();
        services.TryAddSingleton<IAccountBatchHandler, THandler>();
        services.TryAddSingleton<IConnectionMultiplexer>(provider =>
        {
            var redis = provider.GetRequiredService<IOptions<VkLongPollOrleansOptions>>().Value.Redis
                ?? throw new InvalidOperationException("VkLongPollOrleansOptions.Redis is not set and no IConnectionMultiplexer is registered");
            return ConnectionMultiplexer.Connect(redis);
        });
        services.TryAddSingleton(provider => new RedisCheckpointStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IOptions<VkLongPollOrleansOptions>>().Value.KeyPrefix));
        services.TryAddSingleton<SessionHttp>();
        services.AddHostedService<DeadSiloAccounts>();
        return builder;
    }
}
