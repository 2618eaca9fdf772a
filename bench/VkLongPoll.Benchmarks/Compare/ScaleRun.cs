using System.Diagnostics;
using System.Globalization;
using VkLongPoll.Testing;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--scale N [SECONDS]</c>: N sessions (one account each) in a client process of their own against the
/// emulator in this one. Reads the client's RSS and CPU time from /proc: RSS per idle session, CPU while
/// idle and while 100 messages/s go to random accounts, then checks that every message arrived exactly once.
/// </summary>
internal static class ScaleRun
{
    private const double EventsPerSecond = 100;

    public static async Task RunAsync(int sessions, double seconds)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--scale reads /proc and runs on Linux only");
        }

        Console.WriteLine($"starting the emulator with {sessions} accounts…");
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = sessions, ApiCallsPerSecond = 0 });
        var tokensFile = Path.Combine(Path.GetTempPath(), $"vklp-scale-tokens-{Environment.ProcessId}.txt");
        await File.WriteAllLinesAsync(tokensFile, emulator.Tokens);
        using var client = ChildProcess.Start("--scale-client", emulator.ApiUrl.ToString(), emulator.CertificatePemPath!, tokensFile);
        try
        {
            await ChildProcess.WaitForLineAsync(client, "baseline", TimeSpan.FromSeconds(60), "client");
            var baseline = ReadRss(client.Id);
            await client.StandardInput.WriteLineAsync("go");
            await client.StandardInput.FlushAsync();
            var connected = await client.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the client exited");
            Console.WriteLine($"{sessions} sessions {connected} s (each has its key and holds a poll)");

            // Warm-up at the measured rate for a few seconds (messages the check ignores), so the JIT's tiering is
            // done before measuring: a long-running process is measured, not its first seconds.
            var warm = 0;
            await MeasureAsync(client.Id, 8, load: () => emulator.SendMessage(warm % sessions, $"warm {warm++}"));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var (idleCpu, idleRss) = await MeasureAsync(client.Id, seconds, load: null);
            await client.StandardInput.WriteLineAsync("memory");
            await client.StandardInput.FlushAsync();
            var memory = Fields(await client.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the client exited"));
            var collectedRss = ReadRss(client.Id);
            var sequence = 0L;
            var (loadCpu, loadRss) = await MeasureAsync(client.Id, seconds, load: () => emulator.SendMessage((int)(sequence % sessions), $"scale {sequence++}"));

            await Task.Delay(TimeSpan.FromSeconds(3));
            await client.StandardInput.WriteLineAsync($"check {sequence}");
            await client.StandardInput.FlushAsync();
            var result = await client.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the client exited");

            // The emulator's journal: every new message it logged for any account must have reached the client once.
            var journalMessages = 0L;
            for (var account = 0; account < sessions; account++)
            {
                journalMessages += emulator.Journal(account).Count(entry => entry.Update.AsSpan().StartsWith("[10004,"u8));
            }

            var delivered = Fields(result)["all_new_messages"];
            result += $" journal_new_messages={journalMessages} {(delivered == journalMessages ? "journal=match" : "journal=MISMATCH")}";

            Console.WriteLine();
            Console.WriteLine($"| sessions | RSS baseline | RSS idle | per idle session | CPU idle | CPU at {EventsPerSecond:F0} events/s | messages sent | check |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|");
            Console.WriteLine($"| {sessions:N0} | {baseline / 1048576.0:F0} MB | {idleRss / 1048576.0:F0} MB | {(idleRss - baseline) / (double)sessions / 1024:F1} KB | {idleCpu:F1} % | {loadCpu:F1} % (RSS {loadRss / 1048576.0:F0} MB) | {sequence:N0} | {result["result ".Length..]} |");
            Console.WriteLine($"after a full compacting collection (forced, for the breakdown): managed heap {memory["heap"] / (double)sessions / 1024:F1} KB per session, GC committed {memory["committed"] / 1048576.0:F0} MB (was {memory["committed_before"] / 1048576.0:F0} MB), RSS {collectedRss / 1048576.0:F0} MB = {(collectedRss - baseline) / (double)sessions / 1024:F1} KB per session");
            Console.WriteLine("(CPU in % of one core, averaged over the period; RSS from /proc/PID/status VmRSS of the client process alone)");
        }
        finally
        {
            client.StandardInput.Close();
            if (!client.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                client.Kill(entireProcessTree: true);
            }

            File.Delete(tokensFile);
        }
    }

    /// <summary>CPU use (% of one core) and RSS at the end of a period; <paramref name="load"/> is called at <see cref="EventsPerSecond"/> if given.</summary>
    private static async Task<(double CpuPercent, long Rss)> MeasureAsync(int pid, double seconds, Action? load)
    {
        var cpuBefore = ReadCpuTicks(pid);
        var clock = Stopwatch.StartNew();
        if (load is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds));
        }
        else
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / EventsPerSecond));
            while (clock.Elapsed.TotalSeconds < seconds && await timer.WaitForNextTickAsync())
            {
                load();
            }
        }

        var cpuAfter = ReadCpuTicks(pid);
        // /proc counts CPU time in clock ticks of 1/100 s on Linux.
        return ((cpuAfter - cpuBefore) / 100.0 / clock.Elapsed.TotalSeconds * 100, ReadRss(pid));
    }

    private static Dictionary<string, long> Fields(string line) =>
        line.Split(' ').Skip(1).Select(field => field.Split('=')).ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));

    private static long ReadRss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("VmRSS not found");
    }

    private static long ReadCpuTicks(int pid)
    {
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th, stime the 15th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
