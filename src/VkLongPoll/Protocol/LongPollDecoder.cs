using System.Text.Json;
using VkLongPoll.Events;
using VkLongPoll.Protocol.FastPath;

namespace VkLongPoll;

/// <summary>Decodes User Long Poll JSON (UTF-8 bytes) into typed events: <c>a_check</c> answers, single updates, history.</summary>
/// <remarks>
/// No DOM is built: plain answers are read by a byte scanner, anything else by <see cref="Utf8JsonReader"/>
/// (message objects in the same pass). Instances are immutable and safe to share between threads. Bad input raises <see cref="LongPollProtocolException"/>
/// with the byte offset; unknown event codes become <see cref="UnknownEvent"/>.
/// </remarks>
public sealed partial class LongPollDecoder
{
    [ThreadStatic]
    private static List<LongPollEvent>? t_events;

    /// <summary>Creates a decoder for version 19 with the shape of optional fields inferred.</summary>
    public LongPollDecoder()
        : this(new LongPollDecoderOptions())
    {
    }

    /// <summary>Creates a decoder for the version and mode in <paramref name="options"/> (copied: later changes do not affect it).</summary>
    public LongPollDecoder(LongPollDecoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Copy();
        Options.Validate();
    }

    /// <summary>False to decode answers with the reader path only (tests compare both paths).</summary>
    internal bool UseFastPath { get; init; } = true;

    /// <summary>The protocol version this decoder reads.</summary>
    public int Version => Options.Version;

    /// <summary>The options this decoder reads with (its own copy).</summary>
    internal LongPollDecoderOptions Options { get; }

    /// <summary>Reads an <c>a_check</c> answer: <c>{"ts":…, "pts":…, "updates":[…]}</c> or <c>{"failed":…}</c>.</summary>
    /// <exception cref="LongPollProtocolException">The input is not valid JSON or not an <c>a_check</c> answer.</exception>
    public LongPollResponse ReadResponse(ReadOnlySpan<byte> utf8Json)
    {
        // Plain answers (nearly all) take the byte scanner; anything else, and every error, the reader below.
        if (UseFastPath && AnswerScanner.TryRead(utf8Json, Options, out var scanned))
        {
            return scanned!;
        }

        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartObject, "an a_check answer must be a JSON object");
            var response = ReadResponseObject(ref reader, utf8Json);
            ExpectEnd(ref reader);
            return response;
        }
        catch (JsonException e)
        {
            throw JsonValues.Invalid(e, utf8Json, 0);
        }
    }

    /// <summary>Reads one update array, e.g. <c>[4, 123, 1, 456, 1700000000, "hi", {}, {}]</c>.</summary>
    /// <exception cref="LongPollProtocolException">The input is not valid JSON or not an update array.</exception>
    public LongPollEvent ReadEvent(ReadOnlySpan<byte> utf8Json, LongPollContext context = LongPollContext.Live)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartArray, "an update must be a JSON array");
            var slots = JsonSlotList.ForThread();
            var update = DecodeUpdate(ref reader, utf8Json, slots, context);
            ExpectEnd(ref reader);
            return update;
        }
        catch (JsonException e)
        {
            throw JsonValues.Invalid(e, utf8Json, 0);
        }
    }

    /// <summary>Reads a list of update arrays, e.g. <c>[[4, …], [80, …]]</c>.</summary>
    /// <exception cref="LongPollProtocolException">The input is not valid JSON or not a list of update arrays.</exception>
    public IReadOnlyList<LongPollEvent> ReadEvents(ReadOnlySpan<byte> utf8Json, LongPollContext context = LongPollContext.Live)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartArray, "updates must be a JSON array of arrays");
            var events = ReadUpdates(ref reader, utf8Json, context);
            ExpectEnd(ref reader);
            return events;
        }
        catch (JsonException e)
        {
            throw JsonValues.Invalid(e, utf8Json, 0);
        }
    }

    private LongPollResponse ReadResponseObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        long? ts = null, pts = null;
        int? failed = null, minVersion = null, maxVersion = null;
        string? error = null;
        IReadOnlyList<LongPollEvent> updates = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("updates"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new LongPollProtocolException("updates must be an array", reader.TokenStartIndex);
                }

                updates = ReadUpdates(ref reader, json, LongPollContext.Live);
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                ts = ReadNumber(ref reader, "ts");
            }
            else if (reader.ValueTextEquals("pts"u8))
            {
                pts = ReadNumber(ref reader, "pts");
            }
            else if (reader.ValueTextEquals("failed"u8))
            {
                failed = ReadInt32(ref reader, "failed");
            }
            else if (reader.ValueTextEquals("min_version"u8))
            {
                minVersion = ReadInt32(ref reader, "min_version");
            }
            else if (reader.ValueTextEquals("max_version"u8))
            {
                maxVersion = ReadInt32(ref reader, "max_version");
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                error = reader.TokenType == JsonTokenType.String
                    ? JsonValues.GetString(ref reader, 0)
                    : JsonValues.RawText(json[start..(int)reader.BytesConsumed], start);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ts is null && failed is null)
        {
            throw new LongPollProtocolException("an a_check answer has neither ts nor failed", 0);
        }

        return new LongPollResponse
        {
            Ts = ts,
            Pts = pts,
            Failed = failed,
            MinVersion = minVersion,
            MaxVersion = maxVersion,
            Error = error,
            Updates = updates,
        };
    }

    /// <summary>Decodes every update of the array the reader stands on, into an array of exactly that size.</summary>
    private LongPollEvent[] ReadUpdates(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, LongPollContext context)
    {
        // Scratch space is per thread: decoding is synchronous and never nests update arrays.
        var events = t_events ??= new List<LongPollEvent>(64);
        events.Clear();
        var slots = JsonSlotList.ForThread();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new LongPollProtocolException("an update must be an array", reader.TokenStartIndex);
            }

            events.Add(DecodeUpdate(ref reader, json, slots, context));
        }

        var result = events.Count == 0 ? [] : events.ToArray();
        events.Clear();
        return result;
    }

    private LongPollEvent DecodeUpdate(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, JsonSlotList slots, LongPollContext context)
    {
        var start = (int)reader.TokenStartIndex;
        slots.CollectArray(ref reader, json);
        var tuple = new UpdateTuple(json, slots.Span, start, (int)reader.BytesConsumed) { Kludges = slots.Kludges, KludgesError = slots.KludgesError };
        return EventDecoder.Decode(ref tuple, context, Options);
    }

    private static long ReadNumber(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return ObjectReader.ReadInt64(ref reader, 0, field);
    }

    private static int ReadInt32(ref Utf8JsonReader reader, string field)
    {
        var offset = reader.BytesConsumed;
        return JsonValues.ToInt32(ReadNumber(ref reader, field), offset, field)!.Value;
    }

    private static void ExpectStart(ref Utf8JsonReader reader, JsonTokenType type, string message)
    {
        if (!reader.Read())
        {
            throw new LongPollProtocolException("the input is empty", 0);
        }

        if (reader.TokenType != type)
        {
            throw new LongPollProtocolException(message, reader.TokenStartIndex);
        }
    }

    /// <summary>Nothing but whitespace may follow the value (the reader throws on anything else).</summary>
    private static void ExpectEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new LongPollProtocolException("unexpected data after the JSON value", reader.TokenStartIndex);
        }
    }
}
