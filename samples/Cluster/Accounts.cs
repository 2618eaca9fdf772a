using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using VkLongPoll;
using VkLongPoll.Engine;
using VkLongPoll.Events;
using VkLongPoll.Orleans;

namespace ClusterSample;

/// <summary>The accounts this cluster runs: here one, "main", with the token from VK_TOKEN.</summary>
internal sealed class EnvironmentAccounts : IVkAccountDirectory
{
    public ValueTask<LongPollClientOptions?> GetSessionOptionsAsync(string account, CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable("VK_TOKEN");
        if (account != "main" || string.IsNullOrEmpty(token))
        {
            return ValueTask.FromResult<LongPollClientOptions?>(null);
        }

        var options = new LongPollClientOptions { AccessToken = token };
        if (Environment.GetEnvironmentVariable("VK_API_URL") is { Length: > 0 } api)
        {
            options.ApiBaseUrl = new Uri(api);
        }

        return ValueTask.FromResult<LongPollClientOptions?>(options);
    }
}

/// <summary>Stores each new message's text in a Redis list in the transaction that moves the checkpoint: exactly once.</summary>
internal sealed class StoreMessages(ILogger<StoreMessages> logger) : IAccountBatchHandler
{
    public static readonly RedisKey ListKey = "sample:messages";

    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        var lines = batch.Events.OfType<MessageNewEvent>()
            .Select(e => (RedisValue)$"message {batch.Account} {e.Message.MessageId}: {e.Message.Text}")
            .ToArray();
        await batch.CommitAsync<ITransaction>(lines.Length == 0 ? null : tx => tx.ListRightPushAsync(ListKey, lines), cancellationToken);
        logger.LogInformation("VK account {Account}: {Count} events handled, checkpoint at ts {Ts}", batch.Account, batch.Events.Count, batch.Checkpoint.Ts);
    }
}

/// <summary>Adds the account when the silo starts (StartAsync is idempotent: a running account goes on from its checkpoint).</summary>
internal sealed class StartAccounts(IGrainFactory grains, ILogger<StartAccounts> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await grains.GetGrain<IVkAccountGrain>("main").StartAsync();
        logger.LogInformation("VK account main is running in the cluster");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
