namespace VkLongPoll.Testing;

/// <summary>Decides which Long Poll answers fail: a queue of "the next n answers" plus an optional seeded random mix.</summary>
public sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly Queue<FaultKind> _queued = new();
    private readonly Dictionary<long, Queue<FaultKind>> _queuedFor = [];
    private readonly Dictionary<FaultKind, int> _injected = [];
    private readonly List<(FaultKind Kind, int Count, TaskCompletionSource Done)> _waiters = [];
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

    /// <summary>Faults injected so far, by kind: a snapshot (it was the live, writable dictionary).</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<FaultKind, int>(_injected);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> answers to the account of <paramref name="userId"/> fail with <paramref name="kind"/> (the others' go on).</summary>
    /// <param name="userId">The account's user id (<see cref="VkEmulator.UserIds"/>).</param>
    /// <param name="kind">The fault.</param>
    /// <param name="count">How many answers.</param>
    public void EnqueueFor(long userId, FaultKind kind, int count)
    {
        lock (_sync)
        {
            if (!_queuedFor.TryGetValue(userId, out var queue))
            {
                _queuedFor[userId] = queue = new Queue<FaultKind>();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue(kind);
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> faults of <paramref name="kind"/> have been injected in all (counting those before the call).</summary>
    public Task WhenInjectedAsync(FaultKind kind, int count = 1, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_injected.GetValueOrDefault(kind) >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((kind, count, done));
            return done.Task.WaitAsync(cancellationToken);
        }
    }

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

    /// <summary>Clears the queues and the random mix.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _queued.Clear();
            _queuedFor.Clear();
            _rate = 0;
        }
    }

    internal FaultKind? Next(long userId)
    {
        lock (_sync)
        {
            FaultKind? fault = _queuedFor.TryGetValue(userId, out var own) && own.Count > 0 ? own.Dequeue()
                : _queued.Count > 0 ? _queued.Dequeue()
                : _random is not null && _rate > 0 && _random.NextDouble() < _rate ? _mix[_random.Next(_mix.Length)]
                : null;
            if (fault is { } kind)
            {
                var total = _injected[kind] = _injected.GetValueOrDefault(kind) + 1;
                _waiters.RemoveAll(w =>
                {
                    if (w.Kind != kind || total < w.Count)
                    {
                        return false;
                    }

                    w.Done.TrySetResult();
                    return true;
                });
            }

            return fault;
        }
    }
}
