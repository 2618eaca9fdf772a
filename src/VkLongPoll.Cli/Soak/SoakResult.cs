namespace VkLongPoll.Cli.Soak;

/// <summary>What one soak run found, summed over sessions.</summary>
internal sealed record SoakResult(long Events, long Delivered, long Lost, long Duplicated, long Reordered, long TransientMissed, long Restarts, TimeSpan Elapsed)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && Reordered == 0;

    public static SoakResult Compare(IReadOnlyList<string> journalPersistent, int journalTransient, IReadOnlyList<string> deliveredPersistent, int deliveredTransient) =>
        new(
            journalPersistent.Count + journalTransient,
            deliveredPersistent.Count + deliveredTransient,
            Lost: Excess(journalPersistent, deliveredPersistent),
            Duplicated: Excess(deliveredPersistent, journalPersistent) + Math.Max(0, deliveredTransient - journalTransient),
            Reordered: Excess(journalPersistent, deliveredPersistent) == 0 && Excess(deliveredPersistent, journalPersistent) == 0
                ? journalPersistent.Zip(deliveredPersistent).Count(pair => pair.First != pair.Second)
                : 0,
            TransientMissed: Math.Max(0, journalTransient - deliveredTransient),
            Restarts: 0,
            Elapsed: TimeSpan.Zero);

    public SoakResult Add(SoakResult other) => new(
        Events + other.Events, Delivered + other.Delivered, Lost + other.Lost, Duplicated + other.Duplicated,
        Reordered + other.Reordered, TransientMissed + other.TransientMissed, Restarts + other.Restarts, Elapsed);

    /// <summary>How many more times each key occurs in <paramref name="a"/> than in <paramref name="b"/>, summed.</summary>
    private static long Excess(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in a)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        foreach (var key in b)
        {
            counts[key] = counts.GetValueOrDefault(key) - 1;
        }

        return counts.Values.Where(v => v > 0).Sum();
    }

    public override string ToString() =>
        $"events {Events} delivered {Delivered} lost {Lost} duplicated {Duplicated} reordered {Reordered} transient_missed {TransientMissed}";
}
