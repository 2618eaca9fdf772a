namespace VkLongPoll.Hosting;

/// <summary>The accounts registered with <see cref="VkLongPollBuilder"/> (from configuration and in code), in the order they were added.</summary>
internal sealed class AccountNames
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    /// <summary>Where each account's configuration came from, for messages (<c>VkLongPoll:Accounts:alice</c>).</summary>
    public Dictionary<string, string> Paths { get; } = new(StringComparer.Ordinal);

    public bool Add(string name, string path)
    {
        if (_names.Contains(name, StringComparer.Ordinal))
        {
            return false;
        }

        _names.Add(name);
        Paths[name] = path;
        return true;
    }
}
