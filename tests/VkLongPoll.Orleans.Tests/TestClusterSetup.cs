using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace VkLongPoll.Orleans.Tests;

/// <summary>
/// A multi-silo cluster in this process whose membership, reminders and checkpoints live in the test's real Redis, its
/// accounts in the emulator. Silo configurators are made by type, so what they need is handed over here.
/// </summary>
internal static class TestClusterSetup
{
    private static EmulatedAccounts? s_accounts;
    private static string s_redis = string.Empty;
    private static TimeSpan s_keepAlive;
    private static bool s_resumeDeadSilos;

    /// <summary>Deploys the cluster; <paramref name="keepAlive"/> is the reminder period, <paramref name="resumeDeadSilos"/> whether a survivor resumes a dead silo's accounts at once (else only reminders move them).</summary>
    public static async Task<TestCluster> StartAsync(EmulatedAccounts accounts, string redis, short silos, TimeSpan keepAlive, bool resumeDeadSilos)
    {
        s_accounts = accounts;
        s_redis = redis;
        s_keepAlive = keepAlive;
        s_resumeDeadSilos = resumeDeadSilos;
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        // A service of its own: Orleans keeps reminders per service id, and the tests share one store — a cluster must not
        // be handed the reminders (acct-0, acct-1, …) an earlier test's cluster left behind.
        builder.Options.ServiceId = "vklp-tests-" + Guid.NewGuid().ToString("N");
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var accounts = s_accounts!;
            siloBuilder.UseRedisClustering(s_redis);
            siloBuilder.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(s_redis));
            siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

            siloBuilder.Configure<ClusterMembershipOptions>(ClusterTimings.Apply);
            // Orleans' activation rebalancer moves accounts to a silo that joins (experimental in Orleans 10).
#pragma warning disable ORLEANSEXP002
            siloBuilder.AddActivationRebalancer();
#pragma warning restore ORLEANSEXP002
            siloBuilder.Configure<ActivationRebalancerOptions>(options =>
            {
                options.RebalancerDueTime = TimeSpan.FromSeconds(2);
                options.SessionCyclePeriod = TimeSpan.FromSeconds(2);

                // By default the allowed imbalance is scaled up for small clusters, and a dozen accounts beside the system
                // grains could count as balanced on one silo (CI saw no migration in 120 s): balance even these.
                options.ScaleAllowedEntropyDeviation = false;

                // Each cycle moves floor(alpha * scaling * difference / 2) activations, where alpha is the cluster's entropy
                // over its maximum (near 0 while the new silo holds next to nothing) and scaling grows with the session's
                // cycle number (1 - e^(-CycleNumberWeight * cycle)) and shrinks with the silo count. With the defaults and a
                // dozen activations the first cycles compute zero moves, the entropy does not change, and after three such
                // cycles the session stops as stagnant and starts over from cycle 1: a loaded machine saw that loop run for
                // minutes. The full cycle weight and no silo weight let the first cycles move what they should.
                options.CycleNumberWeight = 1;
                options.SiloNumberWeight = 0;
            });
            siloBuilder.Services.AddSingleton(accounts).AddSingleton(new DeliveryLists(accounts.Prefix));
            siloBuilder.AddVkLongPollAccounts<EmulatorDirectory, RecordingHandler>(options =>
            {
                options.Redis = s_redis;
                options.KeyPrefix = accounts.Prefix;
                options.KeepAlivePeriod = s_keepAlive;
                options.ResumeAccountsOfDeadSilos = s_resumeDeadSilos;
                options.RestartDelay = TimeSpan.FromSeconds(1);
                options.CreateHttpHandler = accounts.Emulator.CreateTrustingHandler;
            });
        }
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.UseRedisClustering(s_redis);
    }
}
