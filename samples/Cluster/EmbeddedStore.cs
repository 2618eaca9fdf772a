using System.Globalization;
using Garnet;
using StackExchange.Redis;

namespace ClusterSample;

/// <summary>
/// Garnet, Microsoft Research's Redis-compatible server, in this process: the store of a trial on one machine when no Redis
/// server is at hand. It keeps nothing on disk, and it is a process of its own so that stopping a silo leaves it running.
/// </summary>
internal static class EmbeddedStore
{
    /// <summary>Runs the store until Ctrl+C or SIGTERM (`dotnet Cluster.dll store`).</summary>
    public static async Task RunAsync(string redis)
    {
        using var server = Start(Port(redis));
        Console.WriteLine($"store: Garnet listens on {redis}; Ctrl+C stops it");
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stopped.TrySetResult());
        await stopped.Task;
    }

    /// <summary>Garnet on 127.0.0.1:<paramref name="port"/> in this process, until disposed.</summary>
    public static IDisposable Start(int port)
    {
        // QuietMode (no banner) is read from a configuration file only; the file is not needed once the server runs.
        var folder = Directory.CreateTempSubdirectory("vklp-sample-store-").FullName;
        var config = Path.Combine(folder, "garnet.conf");
        File.WriteAllText(config, """{ "QuietMode": true }""");
        try
        {
            var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "true", "--lua-transaction-mode", "true", "--config-import-path", config]);
            server.Start();
            return server;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>True when something answers at <paramref name="redis"/>'s address within a second.</summary>
    public static async Task<bool> AnswersAsync(string redis)
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpClient();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, Port(redis), patience.Token);
            return true;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int Port(string redis) => ConfigurationOptions.Parse(redis).EndPoints.Single() switch
    {
        System.Net.IPEndPoint ip => ip.Port,
        System.Net.DnsEndPoint dns => dns.Port,
        _ => 6379,
    };
}
