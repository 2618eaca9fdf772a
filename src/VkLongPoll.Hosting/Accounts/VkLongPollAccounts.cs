namespace VkLongPoll.Hosting;

/// <summary>The hosted accounts and where each stands (a singleton; the health check reads it, and so may a status page).</summary>
public sealed class VkLongPollAccounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VkLongPollAccountState> _states = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HashSet<string>? _expected;

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
            CheckReady();
        }
    }

    internal void Add(VkLongPollAccountState state)
    {
        lock (_gate)
        {
            _states[state.Name] = state;
            CheckReady();
        }
    }

    /// <summary>The host names the accounts it runs; readiness waits for each of them.</summary>
    internal void Expect(IEnumerable<string> names)
    {
        lock (_gate)
        {
            _expected = new HashSet<string>(names, StringComparer.Ordinal);
            CheckReady();
        }
    }

    private void CheckReady()
    {
        if (_expected is null || _ready.Task.IsCompleted)
        {
            return;
        }

        foreach (var name in _expected)
        {
            var state = _states.GetValueOrDefault(name);
            if (state?.Status is LongPollStopped { Reason: not (LongPollStopReason.Cancelled or LongPollStopReason.ConsumerStopped) } stopped && !state.Ready)
            {
                _ready.TrySetException(new VkLongPollException($"VkLongPoll: account {name} stopped before it was ready: {stopped.Describe()}", stopped.Error));
                return;
            }

            if (state is not { Ready: true })
            {
                return;
            }
        }

        _ready.TrySetResult();
    }
}
