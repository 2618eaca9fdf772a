using System.Diagnostics;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>Starts this benchmark program again in a child mode (a client measured apart from the emulator's process).</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("the benchmark's own path is unknown");
        var start = new ProcessStartInfo(path) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the child process did not start");
    }

    /// <summary>Reads lines until one equals <paramref name="expected"/>; fails with what came instead.</summary>
    public static async Task WaitForLineAsync(Process process, string expected, TimeSpan timeout, string who)
    {
        using var bound = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
        {
            if (line == expected)
            {
                return;
            }

            Console.Error.WriteLine($"{who}: {line}");
        }

        throw new InvalidOperationException($"{who} exited before saying '{expected}'");
    }

    /// <summary>Microseconds since the Unix epoch on the wall clock (comparable across processes on one machine).</summary>
    public static long UnixMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
