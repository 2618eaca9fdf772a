using System.Globalization;
using StackExchange.Redis;

namespace VkLongPoll.Orleans;

/// <summary>Fenced checkpoints in Redis: one owner per account at a time, and a checkpoint that never moves backwards.</summary>
/// <remarks>
/// <para>Per account three keys share a hash tag (so a Redis Cluster keeps them on one shard): <c>{prefix}{account}:epoch</c>,
/// <c>…:checkpoint</c> (a hash: <c>ts</c>, <c>pts</c>, <c>server</c>, <c>key</c>, <c>version</c>, <c>epoch</c>) and <c>…:owner</c>.</para>
/// <para>A write is a Redis transaction whose conditions are checked atomically with it: the account's epoch is still the
/// lease's, and the stored checkpoint is still the one this lease saw last. So a stale owner's write fails, two owners can never
/// interleave, and effects added to the same transaction (<see cref="CommitAsync"/>) land exactly when the checkpoint does.</para>
/// <para>The hash holds the Long Poll key (valid for hours at most) so a moved account resumes without a history call;
/// keep the Redis server on a private network, as Orleans' own clustering data is.</para>
/// </remarks>
public sealed class RedisCheckpointStore
{
    /// <summary>Attempts of one commit whose EXEC was aborted while nothing it depends on changed (see <see cref="CommitAsync"/>).</summary>
    private const int MaxSpuriousAborts = 3;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;

    /// <summary>Creates the store over a connection.</summary>
    /// <param name="redis">The connection (shared; not disposed here).</param>
    /// <param name="keyPrefix">Prefix of every key, e.g. <c>vklp:</c>.</param>
    public RedisCheckpointStore(IConnectionMultiplexer redis, string keyPrefix = "vklp:")
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _redis = redis;
        _prefix = keyPrefix;
    }

    private IDatabase Database => _redis.GetDatabase();

    /// <summary>Takes the account: raises its epoch (every earlier lease's writes fail from now on) and reads its checkpoint.</summary>
    /// <param name="account">The account's name.</param>
    /// <param name="owner">Who takes it (for status and logs).</param>
    /// <param name="cancellationToken">Checked before the call.</param>
    public ValueTask<CheckpointLease> AcquireAsync(string account, string owner, CancellationToken cancellationToken = default) =>
        AcquireAsync(account, owner, expectedEpoch: null, cancellationToken);

    /// <summary>Takes the account back only if no one took it since <paramref name="expectedEpoch"/>: how a session that failed restarts.</summary>
    /// <exception cref="CheckpointFencedException">Another owner took the account meanwhile; nothing was changed.</exception>
    internal async ValueTask<CheckpointLease> AcquireAsync(string account, string owner, long? expectedEpoch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = Database.CreateTransaction();
        if (expectedEpoch is { } expected)
        {
            transaction.AddCondition(Condition.StringEqual(EpochKey(account), expected));
        }

        var epoch = transaction.StringIncrementAsync(EpochKey(account));
        _ = transaction.StringSetAsync(OwnerKey(account), owner);
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
        {
            var (current, _) = await GetOwnerAsync(account).ConfigureAwait(false);
            throw new CheckpointFencedException(account, expectedEpoch!.Value, current);
        }

        // Read after the epoch moved: a stale owner's write either landed before (and is read here) or fails.
        var saved = await LoadAsync(account, cancellationToken).ConfigureAwait(false);
        return new CheckpointLease(account, await epoch.ConfigureAwait(false), owner, saved);
    }

    /// <summary>The account's checkpoint, or null when it has none.</summary>
    /// <param name="account">The account's name.</param>
    /// <param name="cancellationToken">Checked before the call.</param>
    public async ValueTask<LongPollCheckpoint?> LoadAsync(string account, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fields = await Database.HashGetAllAsync(CheckpointKey(account)).ConfigureAwait(false);
        return fields.Length == 0 ? null : Parse(fields.ToDictionary(f => f.Name.ToString(), f => f.Value));
    }

    /// <summary>The account's epoch and the owner that took it last (0 and null when never taken).</summary>
    /// <param name="account">The account's name.</param>
    public async ValueTask<(long Epoch, string? Owner)> GetOwnerAsync(string account)
    {
        var epoch = Database.StringGetAsync(EpochKey(account));
        var owner = Database.StringGetAsync(OwnerKey(account));
        return ((long?)await epoch.ConfigureAwait(false) ?? 0, await owner.ConfigureAwait(false));
    }

    /// <summary>Gives the account a starting checkpoint unless it has one: where a newly added account begins.</summary>
    /// <returns>True when it was set; false when the account already had a checkpoint (which is kept).</returns>
    public async ValueTask<bool> InitializeAsync(string account, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        var transaction = Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(CheckpointKey(account)));
        _ = transaction.HashSetAsync(CheckpointKey(account), Fields(checkpoint, epoch: 0));
        return await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>Saves the checkpoint under the lease, refused when a newer owner took the account or the checkpoint would move backwards.</summary>
    /// <exception cref="CheckpointFencedException">Nothing was written; the caller must stop delivering this account.</exception>
    public ValueTask SaveAsync(CheckpointLease lease, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        CommitAsync(lease, checkpoint, effects: null, cancellationToken);

    /// <summary>Saves the checkpoint and the caller's own writes in one Redis transaction, or neither: exactly-once delivery into Redis.</summary>
    /// <param name="lease">The lease of the session that handled the batch.</param>
    /// <param name="checkpoint">The batch's checkpoint.</param>
    /// <param name="effects">Queues the batch's effects on the transaction and returns their task (e.g. <c>tx =&gt; tx.ListRightPushAsync(key, values)</c>;
    /// <c>Task.WhenAll</c> for several); it is awaited after the transaction. Null for none. It may be called again on a fresh
    /// transaction when the store aborted one although nothing this commit depends on changed; only one transaction runs.</param>
    /// <param name="cancellationToken">Checked before the write; a write once sent is not abandoned halfway.</param>
    /// <exception cref="CheckpointFencedException">Nothing was written, effects included; the caller must stop delivering this account.</exception>
    /// <exception cref="InvalidOperationException">A command of <paramref name="effects"/> failed inside the transaction (Redis does not roll
    /// the others back: the checkpoint moved). Effects must be commands that cannot fail on their data, such as pushes to lists of their own.</exception>
    public async ValueTask CommitAsync(CheckpointLease lease, LongPollCheckpoint checkpoint, Func<ITransaction, Task>? effects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        if (lease.Saved is { } saved && IsBackwards(saved, checkpoint))
        {
            throw new CheckpointFencedException(lease.Account, lease.Epoch, lease.Epoch);
        }

        var key = CheckpointKey(lease.Account);
        Task? applied;
        for (var attempt = 1; ; attempt++)
        {
            var transaction = Database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(EpochKey(lease.Account), lease.Epoch));
            if (lease.Saved is { } previous)
            {
                // Compare-and-set against what this lease saw last: no other write can have slipped in between.
                transaction.AddCondition(Condition.HashEqual(key, "pts", previous.Pts));
                transaction.AddCondition(Condition.HashEqual(key, "ts", previous.Ts));
            }
            else
            {
                transaction.AddCondition(Condition.KeyNotExists(key));
            }

            _ = transaction.HashSetAsync(key, Fields(checkpoint, lease.Epoch));
            applied = effects?.Invoke(transaction);
            if (await transaction.ExecuteAsync().ConfigureAwait(false))
            {
                break;
            }

            // Refused. Redis aborts an EXEC only when a watched key changed; a store that keeps WATCH versions per hash
            // bucket (Garnet) can abort one for a write to another key. When the epoch and the checkpoint are still what this
            // lease expects, nothing was taken from it: the same compare-and-set is tried again (its conditions are checked
            // anew, so a real owner change in between still refuses it).
            var (current, _) = await GetOwnerAsync(lease.Account).ConfigureAwait(false);
            if (attempt == MaxSpuriousAborts || current != lease.Epoch || !await StillAsSeenAsync(lease).ConfigureAwait(false))
            {
                throw new CheckpointFencedException(lease.Account, lease.Epoch, current);
            }
        }

        lease.Saved = checkpoint;
        if (applied is not null)
        {
            try
            {
                await applied.ConfigureAwait(false);
            }
            catch (RedisException e)
            {
                // Loud, not silent: the batch's checkpoint moved while one of its effects was refused.
                throw new InvalidOperationException($"the checkpoint of {lease.Account} moved but an effect of its batch failed: {e.Message}", e);
            }
        }
    }

    /// <summary>Forgets the account: raises its epoch (so a session still running stops at its next write) and deletes its checkpoint.</summary>
    /// <param name="account">The account's name.</param>
    public async ValueTask DeleteAsync(string account)
    {
        var transaction = Database.CreateTransaction();
        _ = transaction.StringIncrementAsync(EpochKey(account));
        _ = transaction.KeyDeleteAsync([CheckpointKey(account), OwnerKey(account)]);
        await transaction.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>Notes that <paramref name="silo"/> runs <paramref name="account"/>: the list a survivor reads when that silo dies.</summary>
    internal async ValueTask AddToSiloAsync(string silo, string account) =>
        await Database.SetAddAsync(SiloKey(silo), account).ConfigureAwait(false);

    /// <summary>The accounts noted for a dead silo (some may have moved since), and forgets the list.</summary>
    internal async ValueTask<string[]> TakeSiloAccountsAsync(string silo)
    {
        var transaction = Database.CreateTransaction();
        var members = transaction.SetMembersAsync(SiloKey(silo));
        _ = transaction.KeyDeleteAsync(SiloKey(silo));
        await transaction.ExecuteAsync().ConfigureAwait(false);
        return [.. (await members.ConfigureAwait(false)).Select(m => m.ToString())];
    }

    /// <summary>True when the stored checkpoint is the one the lease saved last (or, before its first save, there is none).</summary>
    private async Task<bool> StillAsSeenAsync(CheckpointLease lease)
    {
        var stored = await LoadAsync(lease.Account).ConfigureAwait(false);
        return lease.Saved is { } seen ? stored is not null && stored.Pts == seen.Pts && stored.Ts == seen.Ts : stored is null;
    }

    /// <summary>A write that would go back: a lower <c>pts</c>, or a lower <c>ts</c> on the same server at the same <c>pts</c>.</summary>
    internal static bool IsBackwards(LongPollCheckpoint saved, LongPollCheckpoint next) =>
        next.Pts < saved.Pts || (next.Pts == saved.Pts && next.Server == saved.Server && next.Ts < saved.Ts);

    private RedisKey EpochKey(string account) => $"{_prefix}{{{account}}}:epoch";

    private RedisKey CheckpointKey(string account) => $"{_prefix}{{{account}}}:checkpoint";

    private RedisKey OwnerKey(string account) => $"{_prefix}{{{account}}}:owner";

    private RedisKey SiloKey(string silo) => $"{_prefix}silo:{silo}";

    private static HashEntry[] Fields(LongPollCheckpoint checkpoint, long epoch) =>
    [
        new("ts", checkpoint.Ts),
        new("pts", checkpoint.Pts),
        new("server", checkpoint.Server ?? string.Empty),
        new("key", checkpoint.Key ?? string.Empty),
        new("version", checkpoint.Version),
        new("epoch", epoch),
        new("community", checkpoint.Community?.Encode() ?? string.Empty),
    ];

    private static LongPollCheckpoint Parse(Dictionary<string, RedisValue> fields)
    {
        static string? Text(RedisValue value) => value.IsNullOrEmpty ? null : value.ToString();
        static long Number(Dictionary<string, RedisValue> fields, string name) =>
            fields.TryGetValue(name, out var value) ? long.Parse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture) : 0;

        return new LongPollCheckpoint(
            Number(fields, "ts"),
            Number(fields, "pts"),
            fields.TryGetValue("server", out var server) ? Text(server) : null,
            fields.TryGetValue("key", out var key) ? Text(key) : null,
            (int)Number(fields, "version"))
        {
            Community = fields.TryGetValue("community", out var community) ? VkLongPoll.Community.CommunityPosition.Decode(Text(community)) : null,
        };
    }
}
