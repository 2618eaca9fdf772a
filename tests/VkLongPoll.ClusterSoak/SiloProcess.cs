using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;
using VkLongPoll.Orleans;
using VkLongPoll.TestSupport.Cluster;

namespace VkLongPoll.ClusterSoak;

/// <summary>One silo of the soak: Redis clustering, reminders and checkpoints; the accounts of the driver's emulator.</summary>
internal static class SiloProcess
{
    public static async Task RunAsync(SoakSettings settings, int siloPort, int gatewayPort, string accountsPath, CancellationToken cancellationToken)
    {
        var accounts = AccountsFile.Read(accountsPath);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("VkLongPoll.Orleans.DeadSiloAccounts", LogLevel.Information);
        builder.Services.AddSingleton(accounts).AddSingleton(new DeliveryLists(settings.Prefix));
        builder.UseOrleans(silo =>
        {
            settings.ConfigureCluster(silo.Services);
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseRedisClustering(settings.Redis);
            silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Configure<ClusterMembershipOptions>(ClusterTimings.Apply);
            silo.AddVkLongPollAccounts<FileDirectory, RecordingHandler>(options =>
            {
                options.Redis = settings.Redis;
                options.KeyPrefix = settings.Prefix;
                options.KeepAlivePeriod = settings.KeepAlive;
                options.RestartDelay = TimeSpan.FromSeconds(1);
                options.CreateHttpHandler = () => LongPollHttp.CreateHandler(accounts.CaCertPemPath);
            });
        });
        await builder.Build().RunAsync(cancellationToken);
    }
}
