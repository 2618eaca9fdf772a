using StackExchange.Redis;

namespace VkLongPoll.Orleans.Tests;

[Collection(StoreGroup.Name)]
public sealed class RedisCheckpointStoreTests(TestStore redis)
{
    private readonly RedisCheckpointStore _store = new(redis.Connection, $"test-{Guid.NewGuid():N}:");

    [Fact]
    public async Task A_newer_lease_fences_the_older_one_and_its_effects_are_not_written()
    {
        var first = await _store.AcquireAsync("alice", "silo-1");
        await _store.SaveAsync(first, new LongPollCheckpoint(100, 10, "s", "k", 19));
        var second = await _store.AcquireAsync("alice", "silo-2");
        Assert.True(second.Epoch > first.Epoch);
        Assert.Equal(10, second.Saved?.Pts);

        var effect = (RedisKey)$"effects-{Guid.NewGuid():N}";
        var refused = await Assert.ThrowsAsync<CheckpointFencedException>(async () =>
            await _store.CommitAsync(first, new LongPollCheckpoint(101, 11, "s", "k", 19), tx => tx.ListRightPushAsync(effect, "from the stale owner")));
        Assert.Equal(second.Epoch, refused.CurrentEpoch);
        Assert.Equal(0, await redis.Connection.GetDatabase().ListLengthAsync(effect));
        Assert.Equal(10, (await _store.LoadAsync("alice"))?.Pts);

        await _store.CommitAsync(second, new LongPollCheckpoint(101, 11, "s", "k", 19), tx => tx.ListRightPushAsync(effect, "from the owner"));
        Assert.Equal(11, (await _store.LoadAsync("alice"))?.Pts);
        Assert.Equal(["from the owner"], (await redis.Connection.GetDatabase().ListRangeAsync(effect)).Select(v => v.ToString()));
        Assert.Equal((second.Epoch, "silo-2"), await _store.GetOwnerAsync("alice"));
    }

    [Fact]
    public async Task A_checkpoint_never_moves_backwards()
    {
        var lease = await _store.AcquireAsync("bob", "silo-1");
        await _store.SaveAsync(lease, new LongPollCheckpoint(200, 20, "s", "k", 19));
        await Assert.ThrowsAsync<CheckpointFencedException>(async () => await _store.SaveAsync(lease, new LongPollCheckpoint(250, 19, "s", "k", 19)));
        await Assert.ThrowsAsync<CheckpointFencedException>(async () => await _store.SaveAsync(lease, new LongPollCheckpoint(199, 20, "s", "k", 19)));
        Assert.Equal(new LongPollCheckpoint(200, 20, "s", "k", 19), await _store.LoadAsync("bob"));

        // The same pts on a new server (failed 2) may come with any ts; a later pts always moves on.
        await _store.SaveAsync(lease, new LongPollCheckpoint(5, 20, "s2", "k2", 19));
        await _store.SaveAsync(lease, new LongPollCheckpoint(6, 21, "s2", "k2", 19));
        Assert.Equal(new LongPollCheckpoint(6, 21, "s2", "k2", 19), await _store.LoadAsync("bob"));
    }

    [Fact]
    public async Task A_write_that_slipped_in_under_the_same_epoch_is_detected()
    {
        // Two copies of one lease (the same epoch, the same last-seen checkpoint): the second writer's view is stale.
        var lease = await _store.AcquireAsync("carol", "silo-1");
        await _store.SaveAsync(lease, new LongPollCheckpoint(200, 20, "s", "k", 19));
        var copy = new CheckpointLease(lease.Account, lease.Epoch, lease.Owner, lease.Saved);
        await _store.SaveAsync(copy, new LongPollCheckpoint(300, 30, "s", "k", 19));
        var refused = await Assert.ThrowsAsync<CheckpointFencedException>(async () => await _store.SaveAsync(lease, new LongPollCheckpoint(301, 31, "s", "k", 19)));
        Assert.Equal(lease.Epoch, refused.CurrentEpoch);
        Assert.Equal(30, (await _store.LoadAsync("carol"))?.Pts);
    }

    [Fact]
    public async Task Taking_an_account_back_after_a_failure_is_refused_when_another_owner_took_it_meanwhile()
    {
        var failed = await _store.AcquireAsync("erin", "silo-1");
        var other = await _store.AcquireAsync("erin", "silo-2");
        var refused = await Assert.ThrowsAsync<CheckpointFencedException>(async () => await _store.AcquireAsync("erin", "silo-1", failed.Epoch, CancellationToken.None));
        Assert.Equal(other.Epoch, refused.CurrentEpoch);
        Assert.Equal((other.Epoch, "silo-2"), await _store.GetOwnerAsync("erin"));

        var again = await _store.AcquireAsync("erin", "silo-2", other.Epoch, CancellationToken.None);
        Assert.Equal(other.Epoch + 1, again.Epoch);
    }

    [Fact]
    public async Task An_effect_that_Redis_refuses_inside_the_commit_is_reported_not_lost_silently()
    {
        var notAList = (RedisKey)$"string-{Guid.NewGuid():N}";
        await redis.Connection.GetDatabase().StringSetAsync(notAList, "a string");
        var lease = await _store.AcquireAsync("frank", "silo-1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _store.CommitAsync(lease, new LongPollCheckpoint(1, 1, null, null, 19), tx => tx.ListRightPushAsync(notAList, "x")));
        Assert.Contains("an effect of its batch failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_sets_a_start_only_for_an_account_without_a_checkpoint_and_delete_fences_the_owner()
    {
        Assert.Null(await _store.LoadAsync("dave"));
        Assert.True(await _store.InitializeAsync("dave", new LongPollCheckpoint(1, 2, null, null, 19)));
        Assert.False(await _store.InitializeAsync("dave", new LongPollCheckpoint(9, 9, null, null, 19)));
        var lease = await _store.AcquireAsync("dave", "silo-1");
        Assert.Equal(new LongPollCheckpoint(1, 2, null, null, 19), lease.Saved);

        await _store.DeleteAsync("dave");
        Assert.Null(await _store.LoadAsync("dave"));
        await Assert.ThrowsAsync<CheckpointFencedException>(async () => await _store.SaveAsync(lease, new LongPollCheckpoint(3, 4, null, null, 19)));
    }
}
