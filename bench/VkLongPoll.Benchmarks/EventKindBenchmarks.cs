using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace VkLongPoll.Benchmarks;

/// <summary>Decoding one kind of event at a time (answers of 20 alike), ours against the JsonDocument walk.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class EventKindBenchmarks
{
    private const int EventsPerAnswer = 20;
    private byte[] _answer = [];
    private LongPollDecoder _decoder = new();

    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = "message";

    [Params(3, 19)]
    public int Version { get; set; }

    public static IEnumerable<string> Kinds => EventSamples.Kinds;

    [GlobalSetup]
    public void Setup()
    {
        _answer = EventSamples.Answer(Kind, Version, EventsPerAnswer);
        _decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = Version, Mode = Version >= 19 ? 1706 : 234 });
        ThroughputConfig.Register(typeof(EventKindBenchmarks), _answer.Length, EventsPerAnswer, Kind, Version);
    }

    [Benchmark(Description = "VkLongPoll decoder")]
    public int Decoder() => _decoder.ReadResponse(_answer).Updates.Count;

    [Benchmark(Baseline = true, Description = "JsonDocument baseline")]
    public int JsonDocumentWalk()
    {
        using var document = JsonDocument.Parse(_answer);
        var events = 0;
        foreach (var update in document.RootElement.GetProperty("updates").EnumerateArray())
        {
            events += DecodeBenchmarks.Touch(update);
        }

        return events;
    }
}
