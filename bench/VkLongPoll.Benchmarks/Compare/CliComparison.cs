using System.Diagnostics;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--compare-cli [ROUNDS] [PROFILE]</c>: the whole tool against vk-io. A generated version-19 corpus of about 43 MB is
/// decoded by <c>vklp decode FILE &gt; /dev/null</c> as a process of its own (start-up, reading, decoding, writing NDJSON:
/// what a user waits for) and by vk-io's pipeline in node (in-process, warmed up, median pass), in alternating rounds;
/// prints each round and the median of the rounds' ratios.
/// </summary>
internal static class CliComparison
{
    private const double CorpusBytes = 43e6;

    public static async Task RunAsync(int rounds, CorpusProfile profile)
    {
        var vklp = await BuildVklpAsync();
        // As many answers as make about 43 MB in this profile's proportions (the size of the figures in docs/performance.md).
        var sample = CorpusGenerator.Generate(19, 200, profile: profile);
        var answers = (int)(CorpusBytes / (sample.Sum(body => body.Length + 1) / (double)sample.Count));
        var corpus = CorpusGenerator.Generate(19, answers, profile: profile);
        var events = CorpusGenerator.CountEvents(corpus);
        var path = Path.Combine(Path.GetTempPath(), $"vklp-cli-corpus-{Environment.ProcessId}.ndjson");
        await File.WriteAllLinesAsync(path, corpus.Select(System.Text.Encoding.UTF8.GetString));
        corpus = null;
        try
        {
            var bytes = new FileInfo(path).Length;
            Console.WriteLine($"corpus: {answers} version-19 a_check answers ({profile.Name}), {events} events, {bytes / 1e6:F1} MB; {rounds} alternating rounds");
            var written = await CountLinesWrittenAsync(vklp, path);
            if (written != events)
            {
                throw new InvalidOperationException($"vklp decode wrote {written} lines for {events} events");
            }

            Console.WriteLine($"vklp decode wrote one line per event ({written}); timing `{vklp} decode FILE > /dev/null`");
            var ours = new List<double>();
            var theirs = new List<double>();
            var seconds = new List<double>();
            string? vkIo = null;
            for (var round = 0; round < rounds; round++)
            {
                seconds.Add(await TimeVklpAsync(vklp, path));
                ours.Add(events / seconds[^1]);
                // 0 s: the script's minimum, two warm-up passes and five timed ones (about 10 s on 43 MB).
                var (rate, name) = await DecodeComparison.MeasureVkIoAsync(path, 0);
                theirs.Add(rate);
                vkIo = name;
                Console.WriteLine($"  round {round + 1}: vklp decode {seconds[^1]:F2} s = {ours[^1],10:N0} events/s   {vkIo} {theirs[^1],10:N0} events/s   ratio {ours[^1] / theirs[^1]:F2}×");
            }

            var ratios = ours.Zip(theirs, (a, b) => a / b).ToList();
            Console.WriteLine();
            Console.WriteLine("| run | events/s | MB/s |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| vklp decode FILE > /dev/null (a whole process, .NET {Environment.Version}) | {DecodeComparison.Median(ours):N0} | {DecodeComparison.Median(ours) * bytes / events / 1e6:F0} |");
            Console.WriteLine($"| {vkIo} in-process (JSON.parse + updates.handlePollingUpdate, warmed up) | {DecodeComparison.Median(theirs):N0} | {DecodeComparison.Median(theirs) * bytes / events / 1e6:F0} |");
            Console.WriteLine();
            Console.WriteLine($"ratio: vklp decode as a process does {DecodeComparison.Median(ratios):F2}× vk-io's in-process events/s (median of the {rounds} rounds' ratios; lowest {ratios.Min():F2}×, highest {ratios.Max():F2}×; vklp median {DecodeComparison.Median(seconds):F2} s)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The tool of this source tree, built in Release (incremental: quick when it is up to date).</summary>
    private static async Task<string> BuildVklpAsync()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(NodeScripts.Directory))!;
        var project = Path.Combine(root, "src", "VkLongPoll.Cli");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", project, "-v", "quiet", "-nologo"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("dotnet build did not start");
        var log = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed:\n{log}");
        }

        return Path.Combine(project, "bin", "Release", "net10.0", "vklp");
    }

    /// <summary>One run with stdout read here, counting lines: every event is written (and the file is in the page cache).</summary>
    private static async Task<long> CountLinesWrittenAsync(string vklp, string path)
    {
        using var run = Process.Start(new ProcessStartInfo(vklp, ["decode", path]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("vklp did not start");
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await run.StandardOutput.BaseStream.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        await run.WaitForExitAsync();
        return run.ExitCode == 0 ? lines : throw new InvalidOperationException($"vklp decode exited {run.ExitCode}");
    }

    /// <summary>Seconds from start to exit of <c>vklp decode FILE &gt; /dev/null</c> (the shell execs vklp: no extra process).</summary>
    private static async Task<double> TimeVklpAsync(string vklp, string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var run = Process.Start(new ProcessStartInfo("sh", ["-c", "exec \"$0\" decode \"$1\" > /dev/null", vklp, path]))
            ?? throw new InvalidOperationException("sh did not start");
        await run.WaitForExitAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return run.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"vklp decode exited {run.ExitCode}");
    }
}
