using Orleans.TestingHost;
using VkLongPoll.Testing;

namespace VkLongPoll.Orleans.Tests;

/// <summary>
/// The stage of a multi-silo test: the emulator with its accounts producing events at a steady pace, a TestCluster over the
/// test's Redis, and the journal check at the end.
/// </summary>
internal sealed class ClusterScenario : IAsyncDisposable
{
    private readonly CancellationTokenSource _emitting = new();
    private Task _emit = Task.CompletedTask;

    private ClusterScenario(VkEmulator emulator, EmulatedAccounts accounts, RedisCheckpointStore store, TestCluster cluster, int count)
    {
        Emulator = emulator;
        Accounts = accounts;
        Store = store;
        Cluster = cluster;
        Count = count;
    }

    public VkEmulator Emulator { get; }

    public EmulatedAccounts Accounts { get; }

    public RedisCheckpointStore Store { get; }

    public TestCluster Cluster { get; }

    public int Count { get; }

    /// <summary>Starts the emulator, the cluster and the traffic; <paramref name="keepAlive"/> is the reminder period (3 s unless given), <paramref name="resumeDeadSilos"/> whether a survivor resumes a dead silo's accounts at once.</summary>
    public static async Task<ClusterScenario> StartAsync(TestStore redis, string name, int accounts, short silos, int seed, TimeSpan? keepAlive = null, bool resumeDeadSilos = true)
    {
        var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = accounts, Seed = seed, ApiCallsPerSecond = 0 });
        var emulated = new EmulatedAccounts(emulator, redis.Connection, $"{name}-{Guid.NewGuid():N}:");
        var cluster = await TestClusterSetup.StartAsync(emulated, redis.ConnectionString, silos, keepAlive ?? TimeSpan.FromSeconds(3), resumeDeadSilos);
        var scenario = new ClusterScenario(emulator, emulated, new RedisCheckpointStore(redis.Connection, emulated.Prefix), cluster, accounts);
        scenario._emit = EmulatorTraffic.EmitAsync(emulator, accounts, seed, scenario._emitting.Token);
        return scenario;
    }

    public IVkAccountGrain Grain(int account) => Cluster.Client.GetGrain<IVkAccountGrain>(EmulatedAccounts.Name(account));

    /// <summary>Adds every account, each from the emulator's position now, and waits until each has delivered.</summary>
    public async Task StartAccountsAsync()
    {
        for (var i = 0; i < Count; i++)
        {
            await Grain(i).StartAsync(Accounts.StartHere(i));
        }

        await Poll.UntilAsync(async () => (await DeliveredAsync(Enumerable.Range(0, Count))).All(n => n > 0), TimeSpan.FromSeconds(60), "every account delivers");
    }

    public Task<long[]> DeliveredAsync(IEnumerable<int> accounts) => Task.WhenAll(accounts.Select(i => Accounts.DeliveredCountAsync(EmulatedAccounts.Name(i))));

    /// <summary>The accounts whose lease a silo holds now.</summary>
    public async Task<List<int>> OwnedByAsync(SiloHandle silo)
    {
        var owners = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => Store.GetOwnerAsync(EmulatedAccounts.Name(i)).AsTask()));
        return [.. Enumerable.Range(0, Count).Where(i => Owns(silo, owners[i].Owner))];
    }

    public static bool Owns(SiloHandle silo, string? owner) => owner?.StartsWith(silo.SiloAddress.ToParsableString() + "/", StringComparison.Ordinal) == true;

    /// <summary>Waits until each account runs on a silo other than <paramref name="gone"/> and delivered more than <paramref name="before"/>.</summary>
    public Task WaitUntilMovedAsync(List<int> moved, long[] before, SiloHandle gone, string what) => Poll.UntilAsync(
        async () =>
        {
            for (var n = 0; n < moved.Count; n++)
            {
                var (_, owner) = await Store.GetOwnerAsync(EmulatedAccounts.Name(moved[n]));
                if (owner is null || Owns(gone, owner) || await Accounts.DeliveredCountAsync(EmulatedAccounts.Name(moved[n])) <= before[n])
                {
                    return false;
                }
            }

            return true;
        },
        TimeSpan.FromSeconds(90),
        what);

    /// <summary>Stops the traffic, waits until every account's checkpoint reaches the emulator, and checks every account against the journal.</summary>
    public async Task StopAndAssertJournalAsync()
    {
        // Enough traffic to mean something in every account (a quick failover can leave an account only a few events).
        await Poll.UntilAsync(() => Task.FromResult(Enumerable.Range(0, Count).All(i => Accounts.EmittedSinceStart(i) >= 5)), TimeSpan.FromSeconds(60), "every account has five persistent events");
        await _emitting.CancelAsync();
        await _emit;
        var running = Enumerable.Range(0, Count).ToList();
        await Poll.UntilAsync(async () => (await Task.WhenAll(running.Select(i => Accounts.CaughtUpAsync(Store, i)))).All(x => x), TimeSpan.FromSeconds(60), "every account catches up");
        foreach (var i in running)
        {
            var (expected, lost, duplicated, reordered) = await Accounts.CompareAsync(i);
            Assert.True(expected >= 5, $"account {i}: only {expected} persistent events were emitted");
            Assert.True((lost, duplicated, reordered) == (0, 0, 0), $"account {i}: {lost} lost, {duplicated} duplicated, {reordered} reordered of {expected}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _emitting.CancelAsync();
        await _emit;
        await Cluster.DisposeAsync();
        await Emulator.DisposeAsync();
        _emitting.Dispose();
    }
}
