namespace VkLongPoll.Testing;

/// <summary>Decides which Long Poll answers fail: a queue of "the next n answers" plus an optional seeded random mix.</summary>
public sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly Queue<FaultKind> _queued = new();
    private Random? _random;
    private double _rate;
    private FaultKind[] _mix = [];

    /// <summary>The wire names used by the control API and <c>--faults</c>.</summary>
    public static readonly IReadOnlyDictionary<string, FaultKind> Names = new Dictionary<string, FaultKind>(StringComparer.Ordinal)
    {
        ["failed_1"] = FaultKind.Failed1,
        ["failed_2"] = FaultKind.Failed2,
        ["failed_3"] = FaultKind.Failed3,
        ["failed_4"] = FaultKind.Failed4,
        ["http_500"] = FaultKind.Http500,
        ["http_502"] = FaultKind.Http502,
        ["reset"] = FaultKind.Reset,
        ["hang"] = FaultKind.Hang,
        ["malformed"] = FaultKind.Malformed,
        ["truncated"] = FaultKind.Truncated,
        ["slow"] = FaultKind.Slow,
    };

    /// <summary>Faults injected so far, by kind.</summary>
    public Dictionary<FaultKind, int> Injected { get; } = [];

    /// <summary>The next <paramref name="count"/> answers fail with <paramref name="kind"/>.</summary>
    public void Enqueue(FaultKind kind, int count)
    {
        lock (_sync)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Enqueue(kind);
            }
        }
    }

    /// <summary>From now on each answer fails with probability <paramref name="rate"/>, with a kind drawn from <paramref name="kinds"/>.</summary>
    public void SetRandom(double rate, int seed, IReadOnlyCollection<FaultKind>? kinds = null)
    {
        lock (_sync)
        {
            _rate = Math.Clamp(rate, 0, 1);
            _random = new Random(seed);
            _mix = kinds is { Count: > 0 } ? [.. kinds] : Enum.GetValues<FaultKind>();
        }
    }

    /// <summary>Clears the queue and the random mix.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _queued.Clear();
            _rate = 0;
        }
    }

    internal FaultKind? Next()
    {
        lock (_sync)
        {
            FaultKind? fault = _queued.Count > 0 ? _queued.Dequeue()
                : _random is not null && _rate > 0 && _random.NextDouble() < _rate ? _mix[_random.Next(_mix.Length)]
                : null;
            if (fault is { } kind)
            {
                Injected[kind] = Injected.GetValueOrDefault(kind) + 1;
            }

            return fault;
        }
    }
}
