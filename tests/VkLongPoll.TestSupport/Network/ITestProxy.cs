namespace VkLongPoll.TestSupport.Network;

/// <summary>A proxy a test sends its traffic through, and the proof that it did.</summary>
public interface ITestProxy : IAsyncDisposable
{
    Uri Url { get; }

    /// <summary>True once the proxy opened a tunnel to 127.0.0.1:<paramref name="port"/>.</summary>
    bool Tunnelled(int port);
}
