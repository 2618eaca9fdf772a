namespace VkLongPoll.Hosting;

/// <summary>The hosted accounts and where each stands (a singleton; the health check reads it, and so may a status page).</summary>
public sealed class VkLongPollAccounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VkLongPollAccountState> _states = new(StringComparer.Ordinal);

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
        }
    }

    internal void Add(VkLongPollAccountState state)
    {
        lock (_gate)
        {
            _states[state.Name] = state;
        }
    }
}
