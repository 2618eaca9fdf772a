using System.Diagnostics;
using System.Globalization;
using VkLongPoll.TestSupport.Network;

namespace VkLongPoll.TestSupport.Stores;

/// <summary>Debian's redis-server on 127.0.0.1 and a free port, without persistence: the real Redis the store is also tested against.</summary>
public static class RedisServerProcess
{
    public static Task<ServerProcess> StartAsync()
    {
        var binary = Prerequisite.Program("redis-server", "redis-server", $"{TestStore.Variable}=redis asks for it", "/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server");
        return ServerProcess.StartAsync(port => Launch(binary, port), "redis-server", TimeSpan.FromSeconds(20));
    }

    private static Process Launch(string binary, int port)
    {
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
        return process;
    }
}
