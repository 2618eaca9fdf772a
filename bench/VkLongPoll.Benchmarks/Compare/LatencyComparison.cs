using System.Diagnostics;
using System.Globalization;
using VkLongPoll.Testing;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--latency [RATE] [SECONDS]</c>: the emulator (this process) sends "lat N" messages to one account at a
/// fixed rate; our client and vk-io, each in its own process and both polling that account, stamp each
/// message in their handler. Reports p50/p99/max of emit→handler for both, from the same events.
/// </summary>
internal static class LatencyComparison
{
    public static async Task RunAsync(double rate, double seconds)
    {
        await using var emulator = await VkEmulator.StartAsync(new EmulatorOptions { Accounts = 1, ApiCallsPerSecond = 0 });
        var api = emulator.ApiUrl.ToString();
        var pem = emulator.CertificatePemPath ?? throw new InvalidOperationException("the emulator has no certificate");
        var token = emulator.Tokens[0];
        using var ours = ChildProcess.Start("--latency-client", api, pem, token);
        using var vkIo = NodeScripts.Start("latency-vk-io.mjs", api, pem, token);
        try
        {
            await ChildProcess.WaitForLineAsync(ours, "ready", TimeSpan.FromSeconds(60), "VkLongPoll client");
            await ChildProcess.WaitForLineAsync(vkIo, "ready", TimeSpan.FromSeconds(60), "vk-io client");
            await Task.Delay(TimeSpan.FromSeconds(1)); // both now hold a poll

            // A warm-up both clients ignore: first-call costs (JIT, connection reuse) are not what is measured.
            for (var i = 0; i < 100; i++)
            {
                emulator.SendMessage(0, $"warm {i}");
                await Task.Delay(10);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
            var count = (int)(rate * seconds);
            Console.WriteLine($"emitting {count} messages at {rate}/s to one account polled by both clients…");
            var emitted = new long[count];
            using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate)))
            {
                for (var i = 0; i < count; i++)
                {
                    await timer.WaitForNextTickAsync();
                    emitted[i] = ChildProcess.UnixMicros();
                    emulator.SendMessage(0, $"lat {i}");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var ourStamps = await CollectAsync(ours);
            var theirStamps = await CollectAsync(vkIo);
            Console.WriteLine();
            Console.WriteLine("| client | received | p50 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var ourRow = Row("VkLongPoll", ourStamps, emitted);
            var theirRow = Row("vk-io 4.10.1", theirStamps, emitted);
            Console.WriteLine();
            Console.WriteLine($"p99 ratio (VkLongPoll / vk-io): {ourRow.P99 / theirRow.P99:F2}; p50 ratio: {ourRow.P50 / theirRow.P50:F2}");
        }
        finally
        {
            Kill(ours);
            Kill(vkIo);
        }
    }

    private static async Task<Dictionary<int, long>> CollectAsync(Process client)
    {
        client.StandardInput.Close();
        var stamps = new Dictionary<int, long>();
        while (await client.StandardOutput.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var sequence) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var micros))
            {
                if (!stamps.TryAdd(sequence, micros))
                {
                    Console.Error.WriteLine($"message {sequence} was handled twice");
                }
            }
        }

        await client.WaitForExitAsync();
        return stamps;
    }

    private static (double P50, double P99) Row(string name, Dictionary<int, long> stamps, long[] emitted)
    {
        var latencies = new List<double>(emitted.Length);
        for (var i = 0; i < emitted.Length; i++)
        {
            if (stamps.TryGetValue(i, out var micros))
            {
                latencies.Add((micros - emitted[i]) / 1000.0);
            }
        }

        latencies.Sort();
        double At(double quantile) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(quantile * latencies.Count) - 1)];
        var missing = emitted.Length - latencies.Count;
        Console.WriteLine($"| {name} | {latencies.Count}{(missing > 0 ? $" ({missing} missing)" : string.Empty)} | {At(0.50):F2} | {At(0.99):F2} | {(latencies.Count == 0 ? double.NaN : latencies[^1]):F2} |");
        return (At(0.50), At(0.99));
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
