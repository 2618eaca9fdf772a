namespace VkLongPoll.Orleans;

/// <summary>The one <see cref="HttpClient"/> every account session of a silo shares (a handler per session would not scale).</summary>
internal sealed class SessionHttp : IDisposable
{
    public SessionHttp(Microsoft.Extensions.Options.IOptions<VkLongPollOrleansOptions> options)
    {
        var handler = options.Value.CreateHttpHandler?.Invoke() ?? LongPollHttp.CreateHandler();
        Client = LongPollHttp.CreateClient(handler);
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
