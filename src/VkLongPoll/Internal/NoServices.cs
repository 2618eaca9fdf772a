namespace VkLongPoll.Internal;

/// <summary>The services of a host that has none: every lookup finds nothing.</summary>
internal sealed class NoServices : IServiceProvider
{
    public static NoServices Instance { get; } = new();

    public object? GetService(Type serviceType) => null;
}
