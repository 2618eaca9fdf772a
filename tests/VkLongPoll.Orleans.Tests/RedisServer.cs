using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace VkLongPoll.Orleans.Tests;

/// <summary>Debian's redis-server on 127.0.0.1 and a free port, without persistence, for the tests of one collection.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly string[] Places = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];

    private Process? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var binary = Places.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed (apt-get install redis-server; .ci/run installs it)");
        // A free port can be taken between the probe and redis-server's bind: then it exits, and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            _process = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            ConnectionString = $"127.0.0.1:{port},abortConnect=false";
            if (await ListeningAsync(port) || attempt == 3)
            {
                break;
            }

            _process.Dispose();
        }

        Connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task<bool> ListeningAsync(int port)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!_process!.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, bound.Token);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(20, bound.Token);
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisGroup : ICollectionFixture<RedisServer>
{
    public const string Name = "redis";
}
