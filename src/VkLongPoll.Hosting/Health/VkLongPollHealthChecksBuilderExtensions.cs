using Microsoft.Extensions.Diagnostics.HealthChecks;
using VkLongPoll.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the VK Long Poll health check.</summary>
public static class VkLongPollHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check over every hosted account: healthy while all poll, degraded while one retries (or its handlers fail) past
    /// <see cref="VkLongPollAccountOptions.DegradedAfter"/>, unhealthy (or <paramref name="failureStatus"/>) once one stopped with an error.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a stopped account reports; unhealthy by default.</param>
    /// <param name="tags">Tags to filter checks by (e.g. "ready").</param>
    public static IHealthChecksBuilder AddVkLongPoll(this IHealthChecksBuilder builder, string name = "vk-longpoll", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<VkLongPollHealthCheck>(name, failureStatus, tags ?? []);
    }
}
