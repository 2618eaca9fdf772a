using System.Diagnostics;
using System.Globalization;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.ClusterSoak;

/// <summary>
/// The soak's store when no Redis is named: embedded Garnet in a process of its own (`store`), so that killing or freezing a
/// silo never takes the store with it — as with a real Redis server.
/// </summary>
internal sealed class StoreHandle : IDisposable
{
    private readonly Process _process;

    private StoreHandle(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<StoreHandle> StartAsync(string logFolder, CancellationToken cancellationToken)
    {
        // A free port can be taken between the probe and the store's bind: then the store exits, and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = ChildProcess.Start(["store", "--port", port.ToString(CultureInfo.InvariantCulture)], Path.Combine(logFolder, $"store-{attempt}.log"));
            await Waits.UntilAsync(async () => process.HasExited || await FreePort.AcceptsAsync(port, cancellationToken), TimeSpan.FromSeconds(60), "the store listens", cancellationToken);
            if (!process.HasExited)
            {
                return new StoreHandle(process, port);
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"the store exited at start three times (see the store logs in {logFolder})");
            }

            process.Dispose();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
