using System.Diagnostics;
using System.Globalization;
using VkLongPoll.TestSupport.Network;

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
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var log = Path.Combine(logFolder, $"silo-{index}.log");
        string[] ports = ["--silo-port", siloPort.ToString(CultureInfo.InvariantCulture), "--gateway-port", gatewayPort.ToString(CultureInfo.InvariantCulture)];
        var process = ChildProcess.Start(["silo", .. siloArguments, .. ports], log);
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
}
