using System.Diagnostics;
using VkLongPoll.Events;
using System.Text.Json;

namespace VkLongPoll.Benchmarks;

/// <summary>Stopwatch loops that split the decoder's cost into its stages, for finding hot spots (not for reporting).</summary>
internal static class Profiling
{
    public static void Run(double seconds)
    {
        var corpus = CorpusGenerator.Generate(19, 200);
        var events = CorpusGenerator.CountEvents(corpus);
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Mode = 1706 });
        Measure("tokens only (Utf8JsonReader.Read)", seconds, events, () =>
        {
            foreach (var body in corpus)
            {
                var reader = new Utf8JsonReader(body);
                while (reader.Read())
                {
                }
            }
        });
        Measure("slots only (first pass)", seconds, events, () =>
        {
            var slots = new JsonSlotList();
            foreach (var body in corpus)
            {
                var reader = new Utf8JsonReader(body);
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 2)
                    {
                        slots.CollectArray(ref reader, body);
                    }
                }
            }
        });
        Measure("JsonDocument parse", seconds, events, () =>
        {
            foreach (var body in corpus)
            {
                using var document = JsonDocument.Parse(body);
            }
        });
        foreach (var kind in EventSamples.Kinds)
        {
            var body = EventSamples.Answer(kind, 19, 20);
            Measure("decode " + kind, seconds / 3, 20, () => decoder.ReadResponse(body));
        }

        // The two paths alternately, so the machine's drift hits both alike.
        var readerOnly = new LongPollDecoder(new LongPollDecoderOptions { Mode = 1706 }) { UseFastPath = false };
        for (var round = 0; round < 3; round++)
        {
            Measure("full decode", seconds / 3, events, () =>
            {
                foreach (var body in corpus)
                {
                    decoder.ReadResponse(body);
                }
            });
            Measure("full decode, reader path only", seconds / 3, events, () =>
            {
                foreach (var body in corpus)
                {
                    readerOnly.ReadResponse(body);
                }
            });
        }
    }

    /// <summary>Only the full decode of the v19 corpus, for <paramref name="seconds"/> (or -seconds passes), so a sampling profiler sees nothing else.</summary>
    public static void DecodeLoop(double seconds, CorpusProfile profile, bool readTexts = false)
    {
        var corpus = CorpusGenerator.Generate(19, 200, profile: profile);
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Mode = 1706 });
        // A negative figure is a number of passes instead of seconds (for counting instructions with perf stat).
        var clock = Stopwatch.StartNew();
        for (var pass = 0; seconds < 0 ? pass < -seconds : clock.Elapsed.TotalSeconds < seconds; pass++)
        {
            foreach (var body in corpus)
            {
                foreach (var update in decoder.ReadResponse(body).Updates)
                {
                    if (readTexts && update is MessageNewEvent { Message: var message })
                    {
                        ReadCharacters += message.Text?.Length ?? 0;
                    }
                }
            }
        }
    }

    /// <summary>Characters of the texts read by <see cref="DecodeLoop"/> (kept, so the reads are not optimized away).</summary>
    public static long ReadCharacters { get; private set; }

    /// <summary>The best of ten short runs: this machine's speed drifts, the minimum is the repeatable figure.</summary>
    private static void Measure(string name, double seconds, int eventsPerRound, Action round)
    {
        round();
        var best = double.MaxValue;
        var bytes = 0.0;
        for (var run = 0; run < 10; run++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var rounds = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / 10)
            {
                round();
                rounds++;
            }

            var total = (double)rounds * eventsPerRound;
            best = Math.Min(best, clock.Elapsed.TotalNanoseconds / total);
            bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / total;
        }

        Console.WriteLine($"{name,-40} {best,8:F0} ns/event {bytes,8:F0} B/event");
    }
}
