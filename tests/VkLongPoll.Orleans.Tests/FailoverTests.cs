using Orleans.TestingHost;
using VkLongPoll.Testing;

namespace VkLongPoll.Orleans.Tests;

/// <summary>Three silos in one process over a real Redis, the emulator's accounts producing events the whole time.</summary>
[Collection(RedisGroup.Name)]
public sealed class FailoverTests(RedisServer redis)
{
    private const int Accounts = 12;

    [Fact(Timeout = 240_000)]
    public async Task A_killed_silos_accounts_resume_on_the_survivors_with_nothing_lost_repeated_or_reordered()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = Accounts, Seed = 23, ApiCallsPerSecond = 0 });
        var accounts = new EmulatedAccounts(emulator, redis.Connection, $"failover-{Guid.NewGuid():N}:");
        var store = new RedisCheckpointStore(redis.Connection, accounts.Prefix);
        var cluster = await TestClusterSetup.StartAsync(accounts, redis.ConnectionString, silos: 3);
        await using var stopCluster = cluster;
        using var emitting = new CancellationTokenSource();
        var emit = Waiting.EmitAsync(emulator, Accounts, 23, emitting.Token);

        for (var i = 0; i < Accounts; i++)
        {
            await Grain(cluster, i).StartAsync(accounts.StartHere(i));
        }

        await Waiting.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => accounts.DeliveredCountAsync(EmulatedAccounts.Name(i))))).All(n => n > 0), TimeSpan.FromSeconds(60), "every account delivers");
        var placed = await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => Grain(cluster, i).GetStatusAsync()));
        var victim = cluster.SecondarySilos.OrderByDescending(silo => placed.Count(s => s.Silo == silo.SiloAddress.ToParsableString())).First();
        var moved = placed.Where(s => s.Silo == victim.SiloAddress.ToParsableString()).Select(s => EmulatedAccounts.Index(s.Account)).ToList();
        Assert.NotEmpty(moved);
        var before = await Task.WhenAll(moved.Select(i => accounts.DeliveredCountAsync(EmulatedAccounts.Name(i))));

        await cluster.KillSiloAsync(victim);

        // Every moved account runs on a survivor and delivers events emitted after the kill.
        await Waiting.UntilAsync(
            async () =>
            {
                for (var n = 0; n < moved.Count; n++)
                {
                    var (_, owner) = await store.GetOwnerAsync(EmulatedAccounts.Name(moved[n]));
                    if (owner is null || owner.StartsWith(victim.SiloAddress.ToParsableString(), StringComparison.Ordinal)
                        || await accounts.DeliveredCountAsync(EmulatedAccounts.Name(moved[n])) <= before[n])
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(90),
            "the killed silo's accounts deliver again on the survivors");

        await emitting.CancelAsync();
        await emit;
        await Waiting.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => accounts.CaughtUpAsync(store, i)))).All(x => x), TimeSpan.FromSeconds(60), "every account catches up");

        for (var i = 0; i < Accounts; i++)
        {
            var (expected, lost, duplicated, reordered) = await accounts.CompareAsync(i);
            Assert.True(expected >= 5, $"account {i}: only {expected} persistent events were emitted");
            Assert.True((lost, duplicated, reordered) == (0, 0, 0), $"account {i}{(moved.Contains(i) ? " (moved)" : string.Empty)}: {lost} lost, {duplicated} duplicated, {reordered} reordered of {expected}");
        }
    }

    [Fact(Timeout = 240_000)]
    public async Task A_silo_that_joins_takes_accounts_over_with_nothing_lost_repeated_or_reordered()
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = Accounts, Seed = 29, ApiCallsPerSecond = 0 });
        var accounts = new EmulatedAccounts(emulator, redis.Connection, $"rebalance-{Guid.NewGuid():N}:");
        var store = new RedisCheckpointStore(redis.Connection, accounts.Prefix);
        var cluster = await TestClusterSetup.StartAsync(accounts, redis.ConnectionString, silos: 1);
        await using var stopCluster = cluster;
        using var emitting = new CancellationTokenSource();
        var emit = Waiting.EmitAsync(emulator, Accounts, 29, emitting.Token);
        for (var i = 0; i < Accounts; i++)
        {
            await Grain(cluster, i).StartAsync(accounts.StartHere(i));
        }

        await Waiting.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => accounts.DeliveredCountAsync(EmulatedAccounts.Name(i))))).All(n => n > 0), TimeSpan.FromSeconds(60), "every account delivers");
        var joined = await cluster.StartAdditionalSiloAsync();
        var joinedAddress = joined.SiloAddress.ToParsableString();

        // The rebalancer migrates activations: the old one finishes its batch and saves, the new one takes the lease.
        await Waiting.UntilAsync(
            async () => (await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => store.GetOwnerAsync(EmulatedAccounts.Name(i)).AsTask())))
                .Count(o => o.Owner?.StartsWith(joinedAddress, StringComparison.Ordinal) == true) >= Accounts / 4,
            TimeSpan.FromSeconds(120),
            "a quarter of the accounts run on the silo that joined");

        await emitting.CancelAsync();
        await emit;
        await Waiting.UntilAsync(async () => (await Task.WhenAll(Enumerable.Range(0, Accounts).Select(i => accounts.CaughtUpAsync(store, i)))).All(x => x), TimeSpan.FromSeconds(60), "every account catches up");
        for (var i = 0; i < Accounts; i++)
        {
            var (expected, lost, duplicated, reordered) = await accounts.CompareAsync(i);
            Assert.True(expected >= 5, $"account {i}: only {expected} persistent events were emitted");
            Assert.True((lost, duplicated, reordered) == (0, 0, 0), $"account {i}: {lost} lost, {duplicated} duplicated, {reordered} reordered of {expected}");
        }
    }

    private static IVkAccountGrain Grain(TestCluster cluster, int account) => cluster.Client.GetGrain<IVkAccountGrain>(EmulatedAccounts.Name(account));
}
