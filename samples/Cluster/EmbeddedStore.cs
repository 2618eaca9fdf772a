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
    public static async Task RunAsync(string redis)
    {
        var endpoint = ConfigurationOptions.Parse(redis).EndPoints.Single();
        var port = endpoint switch
        {
            System.Net.IPEndPoint ip => ip.Port,
            System.Net.DnsEndPoint dns => dns.Port,
            _ => 6379,
        };

        // QuietMode (no banner) is read from a configuration file only.
        var config = Path.Combine(Directory.CreateTempSubdirectory("vklp-sample-store-").FullName, "garnet.conf");
        await File.WriteAllTextAsync(config, """{ "QuietMode": true }""");
        using var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "true", "--lua-transaction-mode", "true", "--config-import-path", config]);
        server.Start();
        Console.WriteLine($"store: Garnet listens on 127.0.0.1:{port}; Ctrl+C stops it");
        var stopped = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopped.TrySetResult();
        };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => stopped.TrySetResult());
        await stopped.Task;
        Directory.Delete(Path.GetDirectoryName(config)!, recursive: true);
    }
}
