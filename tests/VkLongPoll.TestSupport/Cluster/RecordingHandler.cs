using StackExchange.Redis;
using VkLongPoll.Cli.Soak;
using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.TestSupport.Cluster;

/// <summary>Where the test handler keeps each account's deliveries: a Redis list per account under the run's prefix.</summary>
public sealed record DeliveryLists(string Prefix)
{
    public RedisKey KeyOf(string account) => $"{Prefix}deliveries:{account}";

    /// <summary>Events the journal check compares: the persistent ones (typing and presence are not recoverable by design).</summary>
    public static bool IsPersistent(LongPollEvent e) => e is not (ActivityEvent or FriendOnlineEvent or FriendOfflineEvent);
}

/// <summary>
/// Commits each batch's persistent events to the account's Redis list in the checkpoint's own transaction: the exactly-once
/// handler of docs/scale-out.md. A stale owner's commit fails as a whole, so a list can never hold an event twice.
/// </summary>
public sealed class RecordingHandler(DeliveryLists lists) : IAccountBatchHandler
{
    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        var keys = batch.Events.Where(DeliveryLists.IsPersistent).Select(e => (RedisValue)EventKeys.Of(e)).ToArray();
        var list = lists.KeyOf(batch.Account);
        await batch.CommitAsync<ITransaction>(keys.Length == 0 ? null : tx => tx.ListRightPushAsync(list, keys), cancellationToken).ConfigureAwait(false);
    }
}
