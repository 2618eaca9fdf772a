using System.Diagnostics;

namespace VkLongPoll.TestSupport.Network;

/// <summary>Debian's tinyproxy on 127.0.0.1, started for one test with a config of its own, its log read back to prove the traffic went through it.</summary>
internal sealed class Tinyproxy : ITestProxy
{
    private readonly Process _process;
    private readonly string _folder;

    private Tinyproxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    private string Log => File.Exists(Path.Combine(_folder, "tinyproxy.log")) ? File.ReadAllText(Path.Combine(_folder, "tinyproxy.log")) : string.Empty;

    public bool Tunnelled(int port) => Log.Contains($"127.0.0.1:{port}", StringComparison.Ordinal);

    public static async Task<Tinyproxy> StartAsync()
    {
        var binary = Prerequisite.Program("tinyproxy", "tinyproxy", $"{TestProxy.Variable}=tinyproxy asks for it", "/usr/bin/tinyproxy", "/usr/sbin/tinyproxy", "/usr/local/bin/tinyproxy");
        var folder = Directory.CreateTempSubdirectory("vklp-tinyproxy-").FullName;
        var port = FreePort.Next();
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
            """).ConfigureAwait(false);
        var process = Process.Start(new ProcessStartInfo(binary, ["-d", "-c", Path.Combine(folder, "tinyproxy.conf")]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var proxy = new Tinyproxy(process, folder, port);
        await Poll.UntilAsync(async () => process.HasExited || await FreePort.AcceptsAsync(port).ConfigureAwait(false), TimeSpan.FromSeconds(20), "tinyproxy listens").ConfigureAwait(false);
        Assert.False(process.HasExited, $"tinyproxy exited at start with {(process.HasExited ? process.ExitCode : 0)}");
        return proxy;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
