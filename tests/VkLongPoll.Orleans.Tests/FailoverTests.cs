using Orleans.TestingHost;

namespace VkLongPoll.Orleans.Tests;

/// <summary>Silos in one process over a real Redis, the emulator's accounts producing events the whole time.</summary>
[Collection(StoreGroup.Name)]
public sealed class FailoverTests(TestStore redis)
{
    private const int Accounts = 12;

    /// <summary>
    /// Killed silo, two ways to move its accounts: a survivor resumes them at once (the reminders' period is an hour here, so
    /// nothing else could move them within the test's bound), or, with that off, their reminders do.
    /// </summary>
    [Theory(Timeout = 240_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_killed_silos_accounts_resume_on_the_survivors_with_nothing_lost_repeated_or_reordered(bool resumeDeadSilos)
    {
        var keepAlive = resumeDeadSilos ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(3);
        await using var scenario = await ClusterScenario.StartAsync(redis, "kill", Accounts, silos: 3, seed: 23, keepAlive, resumeDeadSilos);
        await scenario.StartAccountsAsync();
        var victim = await BusiestSecondaryAsync(scenario);
        var moved = await scenario.OwnedByAsync(victim);
        Assert.NotEmpty(moved);
        await scenario.Cluster.KillSiloAsync(victim);
        var before = await scenario.DeliveredAsync(moved); // after the kill: what comes now is the survivors'

        await scenario.WaitUntilMovedAsync(moved, before, victim, "the killed silo's accounts deliver again on the survivors");
        await scenario.StopAndAssertJournalAsync();
    }

    [Fact(Timeout = 240_000)]
    public async Task A_silo_that_stops_gracefully_hands_its_accounts_over_with_nothing_lost_repeated_or_reordered()
    {
        await using var scenario = await ClusterScenario.StartAsync(redis, "stop", Accounts, silos: 3, seed: 31);
        await scenario.StartAccountsAsync();
        var leaving = await BusiestSecondaryAsync(scenario);
        var moved = await scenario.OwnedByAsync(leaving);
        Assert.NotEmpty(moved);
        // Deactivation finishes the batch in hand and saves it; the reminders move with the silo's range.
        await scenario.Cluster.StopSiloAsync(leaving);
        var before = await scenario.DeliveredAsync(moved);

        await scenario.WaitUntilMovedAsync(moved, before, leaving, "the stopped silo's accounts deliver again on the others");
        await scenario.StopAndAssertJournalAsync();
    }

    [Fact(Timeout = 240_000)]
    public async Task A_silo_that_joins_takes_accounts_over_with_nothing_lost_repeated_or_reordered()
    {
        await using var scenario = await ClusterScenario.StartAsync(redis, "join", Accounts, silos: 1, seed: 29);
        await scenario.StartAccountsAsync();
        var joined = await scenario.Cluster.StartAdditionalSiloAsync();

        // The rebalancer migrates activations: the old one finishes its batch and saves, the new one takes the lease.
        await Poll.UntilAsync(async () => (await scenario.OwnedByAsync(joined)).Count >= Accounts / 4, TimeSpan.FromSeconds(120), "a quarter of the accounts run on the silo that joined");
        await scenario.StopAndAssertJournalAsync();
    }

    [Fact(Timeout = 240_000)]
    public async Task An_account_stopped_at_run_time_delivers_nothing_more_and_resumes_where_it_stopped_when_started_again()
    {
        await using var scenario = await ClusterScenario.StartAsync(redis, "stop-start", 4, silos: 2, seed: 37);
        await scenario.StartAccountsAsync();

        await scenario.Grain(0).StopAsync();
        var stoppedAt = (await scenario.DeliveredAsync([0]))[0];
        var status = await scenario.Grain(0).GetStatusAsync();
        Assert.False(status.Running);

        // The others go on; account 0 receives events it does not deliver while stopped.
        var others = await scenario.DeliveredAsync([1, 2, 3]);
        await Poll.UntilAsync(async () => (await scenario.DeliveredAsync([1, 2, 3])).Zip(others).All(p => p.First > p.Second + 2), TimeSpan.FromSeconds(60), "the other accounts deliver more");
        Assert.Equal(stoppedAt, (await scenario.DeliveredAsync([0]))[0]);

        // Started again: it resumes from its checkpoint (the start position given now is ignored), so nothing in between is lost.
        await scenario.Grain(0).StartAsync(new LongPollCheckpoint(1, 1, null, null, 19));
        await scenario.StopAndAssertJournalAsync();
    }

    private static async Task<SiloHandle> BusiestSecondaryAsync(ClusterScenario scenario)
    {
        var owned = new List<(SiloHandle Silo, int Count)>();
        foreach (var silo in scenario.Cluster.SecondarySilos)
        {
            owned.Add((silo, (await scenario.OwnedByAsync(silo)).Count));
        }

        return owned.OrderByDescending(o => o.Count).First().Silo;
    }
}
