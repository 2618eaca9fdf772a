using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace VkLongPoll.ClusterSoak;

/// <summary>A silo process the driver started: its ports (which name it in owners' addresses), its log, and the means to kill it.</summary>
internal sealed class SiloHandle : IDisposable
{
    private readonly Process _process;

    private SiloHandle(Process process, int siloPort, string log)
    {
        _process = process;
        SiloPort = siloPort;
        Log = log;
    }

    public int SiloPort { get; }

    public string Log { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident memory now.</summary>
    public long ResidentBytes()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>True when an owner string (<c>silo-address/activation</c>) names this silo.</summary>
    public bool Owns(string? owner) => owner?.StartsWith($"127.0.0.1:{SiloPort}@", StringComparison.Ordinal) == true;

    public static SiloHandle Start(string[] siloArguments, string logFolder, int index)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var log = Path.Combine(logFolder, $"silo-{index}.log");
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // `dotnet VkLongPoll.ClusterSoak.dll silo …` or the apphost itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(SiloHandle).Assembly.Location);
        }

        info.ArgumentList.Add("silo");
        foreach (var argument in siloArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--silo-port");
        info.ArgumentList.Add(siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--gateway-port");
        info.ArgumentList.Add(gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        var writer = TextWriter.Synchronized(new StreamWriter(log) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { writer.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SiloHandle(process, siloPort, log);
    }

    /// <summary>SIGKILL: no deactivation, no last save, sockets left to time out, as when a machine dies.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGSTOP: the process freezes with its sessions open, as a silo in a long GC pause or a VM that stalls.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT: the frozen silo wakes up and goes on where it was, believing it still owns its accounts.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Lines of its log that match <paramref name="text"/>.</summary>
    public int CountInLog(string text) => File.ReadLines(Log).Count(line => line.Contains(text, StringComparison.Ordinal));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
