using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace VkLongPoll.Benchmarks;

/// <summary>Decoding whole a_check answers: ours against a JsonDocument walk that reads the same fields.</summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class DecodeBenchmarks
{
    private List<byte[]> _corpus = [];
    private LongPollDecoder _decoder = new();

    [Params(3, 19)]
    public int Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _corpus = CorpusGenerator.Generate(Version, responses: 200);
        _decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = Version, Mode = Version >= 19 ? 1706 : 234 });
        ThroughputConfig.Register(typeof(DecodeBenchmarks), _corpus.Sum(body => body.Length), CorpusGenerator.CountEvents(_corpus), Version);
    }

    [Benchmark(Description = "VkLongPoll decoder")]
    public int Decoder()
    {
        var events = 0;
        foreach (var body in _corpus)
        {
            events += _decoder.ReadResponse(body).Updates.Count;
        }

        return events;
    }

    /// <summary>The baseline: a DOM per answer, then the same fields read by position as a plain client would.</summary>
    [Benchmark(Baseline = true, Description = "JsonDocument baseline")]
    public int JsonDocumentWalk()
    {
        var events = 0;
        foreach (var body in _corpus)
        {
            using var document = JsonDocument.Parse(body);
            foreach (var update in document.RootElement.GetProperty("updates").EnumerateArray())
            {
                events += Touch(update);
            }
        }

        return events;
    }

    internal static int Touch(JsonElement update)
    {
        var code = update[0].GetInt32();
        var sum = 0L;
        var length = update.GetArrayLength();
        for (var i = 1; i < length; i++)
        {
            var element = update[i];
            switch (element.ValueKind)
            {
                case JsonValueKind.Number: sum += element.GetInt64(); break;
                case JsonValueKind.String: sum += element.GetString()!.Length; break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        sum += property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Length : 1;
                    }

                    break;
                case JsonValueKind.Array: sum += element.GetArrayLength(); break;
            }
        }

        return code > 0 && sum != long.MinValue ? 1 : 0;
    }
}
