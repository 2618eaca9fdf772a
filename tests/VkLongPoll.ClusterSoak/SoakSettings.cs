using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace VkLongPoll.ClusterSoak;

/// <summary>What the driver and its silos agree on: the store, the cluster's name, the keys' prefix, the reminder period.</summary>
internal sealed record SoakSettings(string Redis, string ClusterId, string Prefix, TimeSpan KeepAlive)
{
    public void ConfigureCluster(IServiceCollection services) => services.Configure<ClusterOptions>(options =>
    {
        options.ClusterId = ClusterId;
        options.ServiceId = "vklp-cluster-soak";
    });
}
