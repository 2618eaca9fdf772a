namespace VkLongPoll.Cli.Soak;

/// <summary>What a community soak found: every event of the journal against what the handler was given, by <c>event_id</c>.</summary>
/// <param name="Events">Events in the communities' journals since the start.</param>
/// <param name="Delivered">Events the handler was given.</param>
/// <param name="Lost">Journal events the handler never got.</param>
/// <param name="Duplicated">Events the handler got more than once, or that are in no journal (a forged one let in).</param>
/// <param name="RecoveredFromPts">Messages the handler got from <c>pts</c> after a gap, not from a transport.</param>
/// <param name="Restarts">Consumers killed and started again from their checkpoints.</param>
/// <param name="Elapsed">How long it took.</param>
internal sealed record CommunitySoakResult(long Events, long Delivered, long Lost, long Duplicated, long RecoveredFromPts, long Restarts, TimeSpan Elapsed)
{
    public bool Clean => Lost == 0 && Duplicated == 0;

    /// <summary>Compares the journal's event ids with the delivered ones (a recovered message already mapped to its event's id).</summary>
    public static CommunitySoakResult Compare(IReadOnlyList<string> journal, IReadOnlyList<string> delivered, long recovered, long restarts, TimeSpan elapsed)
    {
        var counts = delivered.GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
        var known = journal.ToHashSet(StringComparer.Ordinal);
        var lost = journal.LongCount(id => !counts.ContainsKey(id));
        var duplicated = counts.Sum(pair => known.Contains(pair.Key) ? pair.Value - 1 : pair.Value);
        return new CommunitySoakResult(journal.Count, delivered.Count, lost, duplicated, recovered, restarts, elapsed);
    }

    public override string ToString() =>
        $"events {Events} delivered {Delivered} lost {Lost} duplicated {Duplicated} recovered_from_pts {RecoveredFromPts}";
}
