using System.Text.Encodings.Web;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using VkLongPoll.Events;

namespace VkLongPoll.Benchmarks;

/// <summary>
/// Writing decoded events as NDJSON (what <c>vklp decode</c> does after decoding): <see cref="EventJsonWriter"/> against
/// <see cref="JsonSerializer"/> writing the same events, snake_case, nulls left out, Cyrillic and emoji unescaped. MB/s is
/// of NDJSON out (the writer's own output size); B/event is what writing allocates.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class WriterBenchmarks
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private List<LongPollEvent> _events = [];

    [Params("chatty", "media")]
    public string Profile { get; set; } = "chatty";

    [GlobalSetup]
    public void Setup()
    {
        // Events as the decoder hands them over: message texts still as their UTF-8.
        var decoder = new LongPollDecoder(new LongPollDecoderOptions { Version = 19, Mode = 1706 });
        _events = CorpusGenerator.Generate(19, 200, profile: CorpusProfile.Parse(Profile)).SelectMany(body => decoder.ReadResponse(body).Updates).ToList();
        var output = new CountingStream();
        WriteAll(output);
        ThroughputConfig.Register(typeof(WriterBenchmarks), output.Length, _events.Count, Profile);
    }

    [Benchmark(Description = "EventJsonWriter")]
    public long EventJsonWriter()
    {
        var output = new CountingStream();
        WriteAll(output);
        return output.Length;
    }

    /// <summary>The baseline: the serializer, one event at a time through one <see cref="Utf8JsonWriter"/>, a newline after each.</summary>
    [Benchmark(Baseline = true, Description = "JsonSerializer baseline")]
    public long Serializer()
    {
        var output = new CountingStream();
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = SerializerOptions.Encoder, SkipValidation = true });
        foreach (var e in _events)
        {
            JsonSerializer.Serialize(json, e, e.GetType(), SerializerOptions);
            json.Flush();
            output.WriteByte((byte)'\n');
        }

        return output.Length;
    }

    private void WriteAll(Stream output)
    {
        using var writer = new EventJsonWriter(output, 19);
        foreach (var e in _events)
        {
            writer.Write(e);
        }

        writer.Flush();
    }

    /// <summary>Stream.Null that counts: the benchmark measures the writer, not a copy into memory.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override void WriteByte(byte value) => _length++;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
