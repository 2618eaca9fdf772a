using System.Globalization;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.ClusterSoak;

/// <summary>
/// The soak's store when no Redis is named: embedded Garnet in a process of its own (`store`), so that killing or freezing a
/// silo never takes the store with it — as with a real Redis server.
/// </summary>
internal static class StoreHandle
{
    public static async Task<ServerProcess> StartAsync(string logFolder, CancellationToken cancellationToken)
    {
        var attempt = 0;
        return await ServerProcess.StartAsync(
            port => ChildProcess.Start(["store", "--port", port.ToString(CultureInfo.InvariantCulture)], Path.Combine(logFolder, $"store-{++attempt}.log")),
            $"the store (logs in {logFolder})",
            TimeSpan.FromSeconds(60),
            cancellationToken);
    }
}
