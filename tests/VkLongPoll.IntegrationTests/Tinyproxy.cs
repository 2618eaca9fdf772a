using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VkLongPoll.IntegrationTests;

/// <summary>Debian's tinyproxy on 127.0.0.1, started for one test with a config of its own, its log read back to prove the traffic went through it.</summary>
internal sealed class Tinyproxy : IDisposable
{
    private static readonly string[] Places = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy", "/usr/local/bin/tinyproxy"];

    private readonly Process _process;
    private readonly string _folder;

    private Tinyproxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    public string Log => File.Exists(Path.Combine(_folder, "tinyproxy.log")) ? File.ReadAllText(Path.Combine(_folder, "tinyproxy.log")) : string.Empty;

    /// <summary>
    /// Starts tinyproxy, or returns null when it is not installed and this is not CI (.ci/run installs it; a developer's
    /// machine may lack it, and then the proxy tests say so instead of failing).
    /// </summary>
    public static async Task<Tinyproxy?> StartAsync()
    {
        var binary = Places.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "tinyproxy is not installed (apt-get install tinyproxy); CI must run the proxy tests");
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("vklp-tinyproxy-").FullName;
        var port = FreePort();
        // No ConnectPort line: CONNECT to any port (the emulator's is random); only this machine may connect.
        await File.WriteAllTextAsync(Path.Combine(folder, "tinyproxy.conf"), $"""
            Port {port}
            Listen 127.0.0.1
            Timeout 600
            MaxClients 100
            Allow 127.0.0.1
            LogLevel Connect
            LogFile "{Path.Combine(folder, "tinyproxy.log")}"
            PidFile "{Path.Combine(folder, "tinyproxy.pid")}"
            """);
        var process = Process.Start(new ProcessStartInfo(binary, ["-d", "-c", Path.Combine(folder, "tinyproxy.conf")]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var proxy = new Tinyproxy(process, folder, port);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, bound.Token);
                return proxy;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(20, bound.Token);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
