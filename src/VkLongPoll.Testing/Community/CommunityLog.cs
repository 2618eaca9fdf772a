namespace VkLongPoll.Testing.Community;

/// <summary>
/// A community's numbered events: what Bots Long Poll serves (the last <c>retained</c>), what the callback sender
/// walks through, and the journal. Appending wakes held polls and the sender.
/// </summary>
/// <remarks>Callers hold the community's lock for every call.</remarks>
internal sealed class CommunityLog(long firstTs, int retained, int capacity)
{
    private readonly List<CommunityEvent> _events = [];
    private TaskCompletionSource _appended = NewSignal();

    /// <summary>The number of the newest event (the first <c>ts</c> handed out when there is none).</summary>
    public long Ts { get; private set; } = firstTs;

    /// <summary>Completes when the next event is appended.</summary>
    public Task Appended => _appended.Task;

    public CommunityEvent Append(string type, string eventId, long? peerId, long? cmid, byte[] obj)
    {
        var e = new CommunityEvent(++Ts, type, eventId, peerId, cmid, obj);
        _events.Add(e);
        if (_events.Count > capacity + (capacity / 4) + 1)
        {
            // Trim in chunks: a list is cheap to index by ts and a chunked trim keeps appends O(1) amortised.
            _events.RemoveRange(0, _events.Count - capacity);
        }

        var signal = _appended;
        _appended = NewSignal();
        signal.TrySetResult();
        return e;
    }

    /// <summary>Events after <paramref name="ts"/> for <c>a_check</c>; null when <paramref name="ts"/> is outside the retained window (<c>failed: 1</c>).</summary>
    public List<CommunityEvent>? After(long ts)
    {
        var oldestRetained = Ts - Math.Min(retained, _events.Count);
        return ts < oldestRetained || ts > Ts ? null : Since(ts);
    }

    /// <summary>Events after <paramref name="ts"/> still in the journal (the callback sender's cursor; it never skips what is kept).</summary>
    public List<CommunityEvent> Since(long ts)
    {
        if (_events.Count == 0)
        {
            return [];
        }

        var first = (int)Math.Max(0, ts + 1 - _events[0].Ts);
        return first >= _events.Count ? [] : _events.GetRange(first, _events.Count - first);
    }

    /// <summary>
    /// The first event after <paramref name="ts"/> still in the journal that <paramref name="wanted"/> takes; each one passed over
    /// before it is told to <paramref name="passedOver"/> (by its ts). Null when there is none yet.
    /// </summary>
    public CommunityEvent? FirstAfter(long ts, Func<CommunityEvent, bool> wanted, Action<long> passedOver)
    {
        if (_events.Count == 0)
        {
            return null;
        }

        for (var i = (int)Math.Max(0, ts + 1 - _events[0].Ts); i < _events.Count; i++)
        {
            if (wanted(_events[i]))
            {
                return _events[i];
            }

            passedOver(_events[i].Ts);
        }

        return null;
    }

    /// <summary>The whole journal, oldest first.</summary>
    public List<CommunityEvent> Snapshot() => [.. _events];

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
