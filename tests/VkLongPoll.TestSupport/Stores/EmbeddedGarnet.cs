using System.Globalization;
using Garnet;

namespace VkLongPoll.TestSupport.Stores;

/// <summary>
/// Microsoft Garnet, the RESP server, inside this process on 127.0.0.1: what Redis does for the cluster (membership, reminders,
/// fenced checkpoints) with nothing to install. Lua is on (StackExchange.Redis and the Orleans providers may send scripts);
/// nothing is persisted. docs/scale-out.md lists where it differs from Redis for what we use.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;
    private readonly string _folder;

    private EmbeddedGarnet(GarnetServer server, string folder, int port)
    {
        _server = server;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a server on <paramref name="port"/> (0: a free one, retried if another program takes it first).</summary>
    public static EmbeddedGarnet Start(int port = 0)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port != 0 ? port : Network.FreePort.Next();
            var folder = Directory.CreateTempSubdirectory("vklp-garnet-").FullName;
            // QuietMode (no banner on standard output) is read from a configuration file only; the rest are arguments.
            var config = Path.Combine(folder, "garnet.conf");
            File.WriteAllText(config, """{ "QuietMode": true }""");
            GarnetServer? server = null;
            try
            {
                server = new GarnetServer(
                [
                    "--bind", "127.0.0.1", "--port", chosen.ToString(CultureInfo.InvariantCulture),
                    "--lua", "true", "--lua-transaction-mode", "true", "--config-import-path", config,
                    "--logger-level", "None", "--disable-console-logger",
                ]);
                server.Start();
                return new EmbeddedGarnet(server, folder, chosen);
            }
            catch (Exception) when (port == 0 && attempt < 3)
            {
                server?.Dispose();
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder a disposing store still held is left to the system's cleaning.
        }
    }
}
