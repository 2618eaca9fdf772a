using System.Diagnostics;
using System.Globalization;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.TestSupport.Stores;

/// <summary>Debian's redis-server on 127.0.0.1 and a free port, without persistence: the real Redis the store is also tested against.</summary>
public sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;

    private RedisServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<RedisServerProcess> StartAsync()
    {
        var binary = Prerequisite.Program("redis-server", "redis-server", $"{TestStore.Variable}=redis asks for it", "/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server");
        // A free port can be taken between the probe and redis-server's bind: then it exits, and another port is tried.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await Poll.UntilAsync(async () => process.HasExited || await FreePort.AcceptsAsync(port).ConfigureAwait(false), TimeSpan.FromSeconds(20), "redis-server listens").ConfigureAwait(false);
            if (!process.HasExited)
            {
                return new RedisServerProcess(process, port);
            }

            Assert.True(attempt < 3, $"redis-server exited at start three times (last exit code {process.ExitCode})");
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
