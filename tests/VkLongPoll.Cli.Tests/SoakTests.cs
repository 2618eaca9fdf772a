using VkLongPoll.Cli.Soak;

namespace VkLongPoll.Cli.Tests;

/// <summary>A small soak in-process: every fault kind and client restarts, compared with the emulator's journal.</summary>
[Trait(Speed.Name, Speed.Slow)]
public sealed class SoakTests
{
    [Fact]
    public async Task SmallSoak_WithAllFaultsAndRestarts_LosesDuplicatesAndReordersNothing()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var result = await new SoakRunner(events: 1500, sessions: 2, seed: 5, faults: "all", TextWriter.Null).RunAsync(bound.Token);

        Assert.True(result.Clean, result.ToString());
        Assert.True(result.Events > 1000, result.ToString());
        Assert.Equal(result.Events, result.Delivered + result.TransientMissed);
        Assert.True(result.Restarts > 0);
    }

    [Fact]
    public void Compare_CountsLostDuplicatedAndReordered()
    {
        string[] journal = ["a", "b", "c", "d"];

        Assert.Equal((1L, 0L, 0L), Counts(SoakResult.Compare(journal, 0, ["a", "b", "d"], 0)));
        Assert.Equal((0L, 1L, 0L), Counts(SoakResult.Compare(journal, 0, ["a", "b", "b", "c", "d"], 0)));
        Assert.Equal((0L, 0L, 2L), Counts(SoakResult.Compare(journal, 0, ["a", "c", "b", "d"], 0)));
        Assert.Equal(3, SoakResult.Compare(journal, 5, journal, 2).TransientMissed);
    }

    [Fact]
    public async Task SmallCommunitySoak_BothTransportsAtOnce_WithFaultsAndRestarts_LosesAndDuplicatesNothing()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var result = await new CommunitySoakRunner(events: 1200, communities: 2, seed: 5, faults: "all", TextWriter.Null).RunAsync(bound.Token);

        Assert.True(result.Clean, result.ToString());
        Assert.True(result.Events >= 1200, result.ToString());
        Assert.Equal(result.Events, result.Delivered);
        Assert.True(result.Restarts > 0, result.ToString());
        Assert.True(result.RecoveredFromPts > 0, result.ToString());
    }

    [Fact]
    public void CommunityCompare_CountsLostDuplicatedAndForged()
    {
        string[] journal = ["a", "b", "c"];

        var result = CommunitySoakResult.Compare(journal, ["a", "a", "c", "forged"], recovered: 0, restarts: 0, TimeSpan.Zero);

        Assert.Equal((1L, 2L), (result.Lost, result.Duplicated));
        Assert.True(CommunitySoakResult.Compare(journal, ["c", "b", "a"], 0, 0, TimeSpan.Zero).Clean);
    }

    private static (long Lost, long Duplicated, long Reordered) Counts(SoakResult r) => (r.Lost, r.Duplicated, r.Reordered);
}
