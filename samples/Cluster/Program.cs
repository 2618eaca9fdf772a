using System.Net;
using ClusterSample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;
using VkLongPoll.Orleans;

// One silo of a cluster that runs VK accounts. Run several with the same REDIS (and their own SILO_PORT/GATEWAY_PORT):
// a dead silo's accounts move to the others. `dotnet Cluster.dll list` prints what was stored. No Redis at hand:
// `dotnet Cluster.dll store` runs an embedded Garnet (Microsoft's RESP server) on REDIS's port until Ctrl+C or SIGTERM; and
// a silo given no REDIS, with nothing answering on 127.0.0.1:6379, runs one in its own process (a trial on one machine:
// nothing is kept when it stops).
//   REDIS        the Redis for membership, reminders, checkpoints and the stored messages (127.0.0.1:6379 unless set)
//   VK_TOKEN     the account's token (a real deployment gives each account an IAccessTokenSource in its directory)
//   VK_API_URL   the API (https://api.vk.com/method/ unless set: the emulator's for a try), VK_CA its certificate
var redis = Environment.GetEnvironmentVariable("REDIS") ?? "127.0.0.1:6379";
if (args is ["store"])
{
    await EmbeddedStore.RunAsync(redis);
    return;
}

if (args is ["list"])
{
    using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
    foreach (var line in await connection.GetDatabase().ListRangeAsync(StoreMessages.ListKey))
    {
        Console.WriteLine(line);
    }

    return;
}

IDisposable? embedded = null;
if (Environment.GetEnvironmentVariable("REDIS") is null && !await EmbeddedStore.AnswersAsync(redis))
{
    embedded = EmbeddedStore.Start(6379);
    Console.WriteLine("no Redis at 127.0.0.1:6379: an embedded Garnet runs in this silo (a trial: nothing is kept when it stops)");
}

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = ("vklp-sample", "vklp-sample"));
    silo.ConfigureEndpoints(IPAddress.Loopback, Port("SILO_PORT", 11111), Port("GATEWAY_PORT", 30000));
    silo.UseRedisClustering(redis);
    silo.UseRedisReminderService(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
    silo.AddVkLongPollAccounts<EnvironmentAccounts, StoreMessages>(options =>
    {
        options.Redis = redis;
        options.CreateHttpHandler = () => VkLongPoll.LongPollHttp.CreateHandler(Environment.GetEnvironmentVariable("VK_CA"));
    });
});
builder.Services.AddHostedService<StartAccounts>();
await builder.Build().RunAsync();
embedded?.Dispose();

static int Port(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var port) ? port : fallback;
