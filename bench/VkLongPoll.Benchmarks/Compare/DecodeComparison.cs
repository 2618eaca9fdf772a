using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Benchmarks.Compare;

/// <summary>
/// <c>--compare-decode [SECONDS] [PROFILE]</c>: the same version-19 corpus (200 answers in the profile's proportions) decoded by VkLongPoll (this process, one
/// thread) and by vk-io's pipeline (node, <c>bench/compare/decode-vk-io.mjs</c>), in alternating rounds so
/// drift in the machine's speed hits both; prints events/s and MB/s of each and the ratio.
/// </summary>
internal static class DecodeComparison
{
    private const int Rounds = 5;

    public static async Task RunAsync(double seconds, CorpusProfile profile)
    {
        var corpus = CorpusGenerator.Generate(19, 200, profile: profile);
        var events = CorpusGenerator.CountEvents(corpus);
        var bytes = corpus.Sum(body => body.Length);
        var path = Path.Combine(Path.GetTempPath(), $"vklp-corpus-v19-{Environment.ProcessId}.ndjson");
        await File.WriteAllLinesAsync(path, corpus.Select(System.Text.Encoding.UTF8.GetString));
        try
        {
            Console.WriteLine($"corpus: {corpus.Count} version-19 a_check answers ({profile.Name}), {events} events, {bytes / 1024.0:F0} KB; {Rounds} alternating rounds of {seconds} s each");
            var ours = new List<double>();
            var oursWithTexts = new List<double>();
            var theirs = new List<double>();
            string? vkIo = null;
            for (var round = 0; round < Rounds; round++)
            {
                ours.Add(MeasureOurs(corpus, events, seconds, readTexts: false));
                oursWithTexts.Add(MeasureOurs(corpus, events, seconds / 2, readTexts: true));
                var (rate, name) = await MeasureVkIoAsync(path, seconds);
                theirs.Add(rate);
                vkIo = name;
                Console.WriteLine($"  round {round + 1}: VkLongPoll {ours[^1],12:N0} events/s   {vkIo} {theirs[^1],10:N0} events/s   ratio {ours[^1] / theirs[^1]:F1}×");
            }

            var oursMedian = Median(ours);
            var theirsMedian = Median(theirs);
            var bytesPerEvent = bytes / (double)events;
            Console.WriteLine();
            Console.WriteLine("| decoder | events/s | MB/s |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| VkLongPoll (.NET {Environment.Version}, one thread) | {oursMedian:N0} | {oursMedian * bytesPerEvent / 1e6:F0} |");
            Console.WriteLine($"| {vkIo} (JSON.parse + updates.handlePollingUpdate) | {theirsMedian:N0} | {theirsMedian * bytesPerEvent / 1e6:F0} |");
            Console.WriteLine();
            // Each round's ratio compares runs seconds apart; their median is the figure least bent by the machine's drift.
            var ratios = ours.Zip(theirs, (a, b) => a / b).ToList();
            Console.WriteLine($"ratio: VkLongPoll decodes {Median(ratios):F1}× vk-io's events/s (median of the {Rounds} rounds' ratios; lowest {ratios.Min():F1}×, highest {ratios.Max():F1}×)");
            // Message texts stay UTF-8 until read (MessageText): a consumer that reads every one pays for the strings here.
            var withTexts = oursWithTexts.Zip(theirs, (a, b) => a / b).ToList();
            Console.WriteLine($"with every message text read as a string: {Median(oursWithTexts):N0} events/s, {Median(withTexts):F1}× vk-io's (lowest {withTexts.Min():F1}×, highest {withTexts.Max():F1}×)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Median time of whole passes over the corpus, as events/s (the same statistic the node script reports).</summary>
    private static double MeasureOurs(List<byte[]> corpus, int events, double seconds, bool readTexts)
    {
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = 19, Mode = 1706 });
        for (var warm = 0; warm < 20; warm++)
        {
            Pass(decoder, corpus, readTexts);
        }

        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds || samples.Count < 5)
        {
            var started = Stopwatch.GetTimestamp();
            var decoded = Pass(decoder, corpus, readTexts);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (decoded != events)
            {
                throw new InvalidOperationException($"decoded {decoded} events, the corpus has {events}");
            }
        }

        return events / Median(samples);
    }

    /// <summary>Characters of the texts read (kept, so the reads are not optimized away).</summary>
    private static long texts;

    private static int Pass(LongPollDecoder decoder, List<byte[]> corpus, bool readTexts)
    {
        var count = 0;
        foreach (var body in corpus)
        {
            var updates = decoder.ReadResponse(body).Updates;
            count += updates.Count;
            if (readTexts)
            {
                foreach (var update in updates)
                {
                    var message = update switch { MessageNewEvent m => m.Message, MessageEditEvent m => m.Message, _ => null };
                    texts += message?.Text?.Length ?? 0;
                }
            }
        }

        return count;
    }

    /// <summary>vk-io's events/s on the corpus file: the median pass of <c>decode-vk-io.mjs</c> after its warm-up, for at least <paramref name="seconds"/>.</summary>
    public static async Task<(double EventsPerSecond, string Name)> MeasureVkIoAsync(string corpusPath, double seconds)
    {
        using var node = NodeScripts.Start("decode-vk-io.mjs", corpusPath, seconds.ToString(CultureInfo.InvariantCulture));
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"decode-vk-io.mjs failed (exit {node.ExitCode})");
        }

        using var result = JsonDocument.Parse(output);
        return (result.RootElement.GetProperty("events_per_s").GetDouble(), result.RootElement.GetProperty("decoder").GetString()!);
    }

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
