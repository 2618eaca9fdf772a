using Orleans.Configuration;

namespace VkLongPoll.TestSupport.Cluster;

/// <summary>
/// The membership timings of every test cluster and of the cluster soak, in one place: a killed silo is declared dead within
/// seconds (Orleans' defaults take about a minute), yet a silo that is merely slow is not — several silos, the emulator and the
/// other test assemblies share two cores here, and a probe can wait seconds for a thread.
/// </summary>
public static class ClusterTimings
{
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(3);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }
}
