namespace VkLongPoll.Hosting;

/// <summary>The hosted accounts and where each stands (a singleton; the health check reads it, and so may a status page).</summary>
public sealed class VkLongPollAccounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VkLongPollAccountState> _states = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _expected;
    private HashSet<string>? _waitingFor;

    /// <summary>
    /// True once every enabled account polls from its checkpoint (each reported <see cref="LongPollStarted"/>): from then on,
    /// a message sent to any of them is delivered. Before the host starts, false.
    /// </summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>The enabled accounts that do not poll yet and have not stopped (all of them as the host starts its accounts).</summary>
    public IReadOnlyList<string> Starting
    {
        get
        {
            lock (_gate)
            {
                return _expected is null ? [] : [.. _expected.Where(name => _states.GetValueOrDefault(name) is not ({ Ready: true } or { Status: LongPollStopped })).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Completes once every enabled account polls from its checkpoint (<see cref="IsReady"/>): what a test or a deployment
    /// awaits before it sends the first message. A first start begins "now", so a message sent before is not news to it.
    /// </summary>
    /// <exception cref="VkLongPollException">An account stopped with an error before it was ready (a rejected token…): it never will be.</exception>
    public Task WhenReadyAsync(CancellationToken cancellationToken = default) => _ready.Task.WaitAsync(cancellationToken);

    /// <summary>Every account that has started, in name order.</summary>
    public IReadOnlyList<VkLongPollAccountState> Current
    {
        get
        {
            lock (_gate)
            {
                return [.. _states.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The state of <paramref name="name"/>, or null when it has not started.</summary>
    public VkLongPollAccountState? this[string name]
    {
        get
        {
            lock (_gate)
            {
                return _states.GetValueOrDefault(name);
            }
        }
    }

    internal void Update(string name, Func<VkLongPollAccountState, VkLongPollAccountState> change)
    {
        lock (_gate)
        {
            _states[name] = change(_states[name]);
            CheckReady(name);
        }
    }

    internal void Add(VkLongPollAccountState state)
    {
        lock (_gate)
        {
            _states[state.Name] = state;
            CheckReady(state.Name);
        }
    }

    /// <summary>The host names the accounts it runs; readiness waits for each of them.</summary>
    internal void Expect(IEnumerable<string> names)
    {
        lock (_gate)
        {
            _expected = new HashSet<string>(names, StringComparer.Ordinal);
            _waitingFor = new HashSet<string>(_expected, StringComparer.Ordinal);
            foreach (var name in _expected)
            {
                CheckReady(name);
            }

            CompleteWhenNoneWaits();
        }
    }

    /// <summary>One account's change, against the accounts still awaited: no walk over all of them on every batch.</summary>
    private void CheckReady(string name)
    {
        if (_waitingFor is null || _ready.Task.IsCompleted || !_waitingFor.Contains(name) || _states.GetValueOrDefault(name) is not { } state)
        {
            return;
        }

        if (state.Ready)
        {
            _waitingFor.Remove(name);
            CompleteWhenNoneWaits();
        }
        else if (state.Status is LongPollStopped { Reason: not (LongPollStopReason.Cancelled or LongPollStopReason.ConsumerStopped) } stopped)
        {
            _ready.TrySetException(new VkLongPollException($"VkLongPoll: account {name} stopped before it was ready: {stopped.Describe()}", stopped.Error));
        }
    }

    private void CompleteWhenNoneWaits()
    {
        if (_waitingFor is { Count: 0 })
        {
            _ready.TrySetResult();
        }
    }
}
