using StackExchange.Redis;

namespace VkLongPoll.TestSupport.Stores;

/// <summary>
/// The store of one test collection: embedded Garnet in this process by default (nothing to install), or a real redis-server
/// when VKLP_STORE=redis (an extra run of .ci/run; without the program that run fails with one line naming it).
/// </summary>
public sealed class TestStore : IAsyncLifetime
{
    public const string Variable = "VKLP_STORE";

    private IDisposable? _server;

    /// <summary>garnet or redis.</summary>
    public static string Kind => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "garnet" => "garnet",
        "redis" => "redis",
        var other => throw new InvalidOperationException($"{Variable}={other}: expected garnet or redis"),
    };

    /// <summary>A StackExchange.Redis configuration string for the store.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        int port;
        if (Kind == "redis")
        {
            var redis = await RedisServerProcess.StartAsync().ConfigureAwait(false);
            (_server, port) = (redis, redis.Port);
        }
        else
        {
            var garnet = EmbeddedGarnet.Start();
            (_server, port) = (garnet, garnet.Port);
        }

        ConnectionString = $"127.0.0.1:{port},abortConnect=false";
        Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }

        _server?.Dispose();
    }
}
