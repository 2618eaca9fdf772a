namespace VkLongPoll.Testing;

/// <summary>Decides which callback deliveries of one community go wrong: a queue of "the next n deliveries" plus an optional seeded random mix.</summary>
public sealed class CallbackFaults
{
    private readonly object _sync = new();
    private readonly Queue<CallbackFaultKind> _queued = new();
    private readonly Dictionary<CallbackFaultKind, int> _injected = [];
    private Random? _random;
    private double _rate;
    private CallbackFaultKind[] _mix = [];

    /// <summary>The wire names the control API uses (<c>community_callback_faults</c>).</summary>
    public static readonly IReadOnlyDictionary<string, CallbackFaultKind> Names = new Dictionary<string, CallbackFaultKind>(StringComparer.Ordinal)
    {
        ["timeout_after_record"] = CallbackFaultKind.TimeoutAfterRecord,
        ["server_error"] = CallbackFaultKind.ServerError,
        ["duplicate"] = CallbackFaultKind.Duplicate,
        ["forged_secret"] = CallbackFaultKind.ForgedSecret,
        ["rotate_code"] = CallbackFaultKind.RotateCode,
    };

    /// <summary>Faults applied so far, by kind (a snapshot).</summary>
    public IReadOnlyDictionary<CallbackFaultKind, int> Injected
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<CallbackFaultKind, int>(_injected);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> deliveries go wrong with <paramref name="kind"/>.</summary>
    public void Enqueue(CallbackFaultKind kind, int count)
    {
        lock (_sync)
        {
            for (var i = 0; i < count; i++)
            {
                _queued.Enqueue(kind);
            }
        }
    }

    /// <summary>From now on each delivery goes wrong with probability <paramref name="rate"/>, with a kind drawn from <paramref name="kinds"/> (all when null).</summary>
    public void SetRandom(double rate, int seed, IReadOnlyCollection<CallbackFaultKind>? kinds = null)
    {
        lock (_sync)
        {
            _rate = Math.Clamp(rate, 0, 1);
            _random = new Random(seed);
            _mix = kinds is { Count: > 0 } ? [.. kinds] : Enum.GetValues<CallbackFaultKind>();
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

    internal CallbackFaultKind? Next()
    {
        lock (_sync)
        {
            CallbackFaultKind? fault = _queued.Count > 0 ? _queued.Dequeue()
                : _random is not null && _rate > 0 && _random.NextDouble() < _rate ? _mix[_random.Next(_mix.Length)]
                : null;
            if (fault is { } kind)
            {
                _injected[kind] = _injected.GetValueOrDefault(kind) + 1;
            }

            return fault;
        }
    }
}
