namespace VkLongPoll.Testing.Model;

/// <summary>
/// The numbered events of one account: a bounded ring that serves <c>a_check</c> (its last
/// <c>retained</c> events), <c>getLongPollHistory</c> and the journal. Appending wakes held polls.
/// </summary>
/// <remarks>Callers hold the account's lock for every call.</remarks>
internal sealed class EventLog
{
    private readonly LoggedEvent[] _ring;
    private readonly int _retained;
    private int _start;
    private int _count;
    private readonly TimeProvider _time;
    private TaskCompletionSource _appended = NewSignal();

    public EventLog(long firstTs, long firstPts, int retained, int capacity, TimeProvider time)
    {
        _time = time;
        _ring = new LoggedEvent[capacity];
        _retained = retained;
        Ts = firstTs;
        Pts = firstPts;
    }

    /// <summary>The number of the newest event.</summary>
    public long Ts { get; private set; }

    /// <summary>The current <c>pts</c>.</summary>
    public long Pts { get; private set; }

    /// <summary>Completes when the next event is appended.</summary>
    public Task Appended => _appended.Task;

    public int Count => _count;

    public LoggedEvent Append(WorldEvent e)
    {
        Ts++;
        if (e.IsPersistent)
        {
            Pts++;
        }

        var logged = new LoggedEvent(Ts, Pts, e, _time.GetUtcNow());
        if (_count == _ring.Length)
        {
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        _ring[(_start + _count) % _ring.Length] = logged;
        _count++;
        var signal = _appended;
        _appended = NewSignal();
        signal.TrySetResult();
        return logged;
    }

    /// <summary>Events after <paramref name="ts"/> for <c>a_check</c>; null when <paramref name="ts"/> is outside the retained window.</summary>
    public List<LoggedEvent>? After(long ts)
    {
        var oldestRetained = Ts - Math.Min(_retained, _count);
        if (ts < oldestRetained || ts > Ts)
        {
            return null;
        }

        var events = new List<LoggedEvent>((int)(Ts - ts));
        for (var n = ts + 1; n <= Ts; n++)
        {
            events.Add(At(n));
        }

        return events;
    }

    /// <summary>Persistent events with <c>pts</c> above <paramref name="pts"/>, at most <paramref name="limit"/>; null when the journal no longer reaches back.</summary>
    public (List<LoggedEvent> Events, bool More)? PersistentAfter(long pts, int limit)
    {
        var oldestPts = _count == 0 ? Pts : _ring[_start].Pts - (_ring[_start].Event.IsPersistent ? 1 : 0);
        if (pts < oldestPts)
        {
            return null;
        }

        var events = new List<LoggedEvent>();
        for (var i = FirstIndexAfterPts(pts); i < _count; i++)
        {
            var logged = _ring[(_start + i) % _ring.Length];
            if (!logged.Event.IsPersistent)
            {
                continue;
            }

            if (events.Count == limit)
            {
                return (events, true);
            }

            events.Add(logged);
        }

        return (events, false);
    }

    /// <summary>
    /// Whether <paramref name="ts"/> is a position from longer ago than <paramref name="age"/>: the first event after it
    /// happened before that, or the journal no longer reaches back to it. (VK: a <c>ts</c> older than about a day makes
    /// <c>getLongPollHistory</c> answer error 10 unless <c>max_msg_id</c> is given.)
    /// </summary>
    public bool IsOlderThan(long ts, TimeSpan age)
    {
        if (ts >= Ts || _count == 0)
        {
            return false;
        }

        var first = _ring[_start];
        return ts < first.Ts - 1 || At(ts + 1).At < _time.GetUtcNow() - age;
    }

    /// <summary>The whole journal, oldest first.</summary>
    public List<LoggedEvent> Snapshot()
    {
        var events = new List<LoggedEvent>(_count);
        for (var i = 0; i < _count; i++)
        {
            events.Add(_ring[(_start + i) % _ring.Length]);
        }

        return events;
    }

    private LoggedEvent At(long ts) => _ring[(int)((_start + (_count - (Ts - ts) - 1)) % _ring.Length)];

    private int FirstIndexAfterPts(long pts)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_ring[(_start + middle) % _ring.Length].Pts <= pts)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
