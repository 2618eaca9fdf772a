using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Protocol.FastPath;

/// <summary>
/// The fast path for <c>a_check</c> answers: a byte scanner for exactly the shape VK sends
/// (<c>{"ts":N,"pts":N,"updates":[[…],…]}</c>, integers, strings, nested values), feeding the same
/// slots and event decoder as the reader path.
/// </summary>
/// <remarks>
/// It accepts a strict subset of JSON and gives up (returns false) on anything else — other keys, fractions,
/// a malformed token, a protocol error — and the <see cref="Utf8JsonReader"/> path then decodes the answer
/// from the start and reports precisely. So it never decides what is wrong, only what is plainly right.
/// Nested arrays and objects are still read by <see cref="Utf8JsonReader"/> (with a tighter depth limit).
/// </remarks>
internal ref struct AnswerScanner
{
    // The reader path allows 64 levels in the whole answer and nested values start at level 3.
    private static readonly JsonReaderOptions NestedOptions = new() { MaxDepth = 60 };

    [ThreadStatic]
    private static List<LongPollEvent>? t_events;

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    private AnswerScanner(ReadOnlySpan<byte> json) => _json = json;

    /// <summary>Decodes <paramref name="json"/> if it has the plain shape; false means "use the reader path".</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, LongPollDecoderOptions options, out LongPollResponse? response)
    {
        var scanner = new AnswerScanner(json);
        try
        {
            response = scanner.ReadAnswer(options);
        }
        catch (Exception e) when (e is LongPollProtocolException or JsonException)
        {
            response = null; // the reader path will say what is wrong, with its offsets
        }

        return response is not null;
    }

    private LongPollResponse? ReadAnswer(LongPollDecoderOptions options)
    {
        if (!Expect((byte)'{'))
        {
            return null;
        }

        long? ts = null, pts = null;
        LongPollEvent[]? updates = null;
        do
        {
            SkipWhitespace();
            if (!Expect((byte)'"'))
            {
                return null;
            }

            var nameEnd = JsonScan.StringEnd(_json, _position - 1, out var nameEscaped);
            if (nameEnd < 0 || nameEscaped)
            {
                return null;
            }

            var name = _json[_position..(nameEnd - 1)];
            _position = nameEnd;
            if (!Expect((byte)':'))
            {
                return null;
            }

            SkipWhitespace();
            if (name.SequenceEqual("updates"u8) && updates is null)
            {
                updates = ReadUpdates(options);
                if (updates is null)
                {
                    return null;
                }
            }
            else if (name.SequenceEqual("ts"u8) && TryInteger(out var tsValue))
            {
                ts = tsValue;
            }
            else if (name.SequenceEqual("pts"u8) && TryInteger(out var ptsValue))
            {
                pts = ptsValue;
            }
            else
            {
                return null; // failed, versions, error, anything unexpected: the reader path
            }

            SkipWhitespace();
        }
        while (TryConsume((byte)','));

        if (!Expect((byte)'}') || ts is null)
        {
            return null;
        }

        SkipWhitespace();
        return _position == _json.Length ? new LongPollResponse { Ts = ts, Pts = pts, Updates = updates ?? [] } : null;
    }

    private LongPollEvent[]? ReadUpdates(LongPollDecoderOptions options)
    {
        if (!Expect((byte)'['))
        {
            return null;
        }

        SkipWhitespace();
        if (TryConsume((byte)']'))
        {
            return [];
        }

        var events = t_events ??= new List<LongPollEvent>(64);
        events.Clear();
        var slots = JsonSlotList.ForThread();
        do
        {
            SkipWhitespace();
            var start = _position;
            if (!CollectUpdate(slots))
            {
                events.Clear();
                return null;
            }

            var tuple = new UpdateTuple(_json, slots.Span, start, _position) { Kludges = slots.Kludges };
            events.Add(EventDecoder.Decode(ref tuple, LongPollContext.Live, options));
            SkipWhitespace();
        }
        while (TryConsume((byte)','));

        var result = events.ToArray();
        events.Clear();
        return TryConsume((byte)']') ? result : null;
    }

    /// <summary>One update array into <paramref name="slots"/>; a message's objects straight into the builder.</summary>
    private bool CollectUpdate(JsonSlotList slots)
    {
        slots.StartUpdate();
        if (!TryConsume((byte)'['))
        {
            return false;
        }

        var textIndex = -1;
        do
        {
            SkipWhitespace();
            var start = _position;
            switch (Peek())
            {
                case (byte)'"':
                    if (!TryString(out var escaped))
                    {
                        return false;
                    }

                    slots.Add(new JsonSlot(JsonTokenType.String, start, _position, escaped));
                    break;
                case (byte)'{' when _position + 1 < _json.Length && _json[_position + 1] == (byte)'}':
                    _position += 2; // "{}", most message objects: nothing to read
                    slots.Add(new JsonSlot(JsonTokenType.StartObject, start, _position, false));
                    break;
                case (byte)'{':
                    if (textIndex > 0 && slots.IsMessageObject(textIndex))
                    {
                        ReadKludges(slots.KludgesBuilder());
                    }
                    else
                    {
                        SkipNested();
                    }

                    slots.Add(new JsonSlot(JsonTokenType.StartObject, start, _position, false));
                    break;
                case (byte)'[':
                    if (!TrySkipIntegerList())
                    {
                        SkipNested();
                    }

                    slots.Add(new JsonSlot(JsonTokenType.StartArray, start, _position, false));
                    break;
                case (byte)'t' when TryLiteral("true"u8):
                    slots.Add(new JsonSlot(JsonTokenType.True, start, _position, false));
                    break;
                case (byte)'f' when TryLiteral("false"u8):
                    slots.Add(new JsonSlot(JsonTokenType.False, start, _position, false));
                    break;
                case (byte)'n' when TryLiteral("null"u8):
                    slots.Add(new JsonSlot(JsonTokenType.Null, start, _position, false));
                    break;
                default:
                    if (!TryInteger(out var value))
                    {
                        return false;
                    }

                    if (slots.Count == 0)
                    {
                        textIndex = EventDecoder.MessageTextIndex(value);
                    }

                    slots.Add(new JsonSlot(JsonTokenType.Number, start, _position, false, true, value));
                    break;
            }

            SkipWhitespace();
        }
        while (TryConsume((byte)','));

        return TryConsume((byte)']');
    }

    /// <summary>An integer of up to 18 digits in JSON's grammar (no leading zeros), ending where a number must end.</summary>
    private bool TryInteger(out long value)
    {
        value = 0;
        var rest = _json[_position..];
        var i = 0;
        var negative = !rest.IsEmpty && rest[0] == (byte)'-';
        i += negative ? 1 : 0;
        var first = i;
        ulong result = 0;
        // Indexing a local span with a checked index lets the JIT drop the bounds checks in this, the hottest loop.
        while ((uint)i < (uint)rest.Length && (uint)(rest[i] - '0') <= 9)
        {
            result = (result * 10) + (uint)(rest[i] - '0');
            i++;
        }

        var digits = i - first;
        if (digits is 0 or > 18 || (digits > 1 && rest[first] == (byte)'0')
            || ((uint)i < (uint)rest.Length && rest[i] is (byte)'.' or (byte)'e' or (byte)'E'))
        {
            return false;
        }

        value = negative ? -(long)result : (long)result;
        _position += i;
        return true;
    }

    /// <summary>A string token: no control characters, only JSON's escapes.</summary>
    private bool TryString(out bool escaped)
    {
        var end = JsonScan.StringEnd(_json, _position, out escaped);
        _position = end < 0 ? _position : end;
        return end >= 0;
    }

    /// <summary>Skips <c>[1,2,3]</c> (typing events' user lists) without a reader; false, with nothing consumed, for anything else.</summary>
    private bool TrySkipIntegerList()
    {
        var start = _position;
        _position++;
        SkipWhitespace();
        if (TryConsume((byte)']'))
        {
            return true;
        }

        do
        {
            SkipWhitespace();
            if (!TryInteger(out _))
            {
                _position = start;
                return false;
            }

            SkipWhitespace();
        }
        while (TryConsume((byte)','));

        if (TryConsume((byte)']'))
        {
            return true;
        }

        _position = start;
        return false;
    }

    /// <summary>Skips a nested array or object, validated by <see cref="Utf8JsonReader"/>.</summary>
    private void SkipNested()
    {
        var reader = new Utf8JsonReader(_json[_position..], NestedOptions);
        reader.Read();
        reader.Skip();
        _position += (int)reader.BytesConsumed;
    }

    /// <summary>Reads a message's additional or attachments object into <paramref name="builder"/>.</summary>
    private void ReadKludges(MessageBuilder builder)
    {
        // Objects of string values (nearly all) are read by the byte scanner too. The keys it has set are set
        // again, to the same values, if it meets anything else and the reader takes the object from its start.
        var plain = new PlainObject(_json, _position);
        if (KludgesReader.TryReadPlain(ref plain, builder))
        {
            _position = plain.End;
            return;
        }

        var rest = _json[_position..];
        var reader = new Utf8JsonReader(rest, NestedOptions);
        reader.Read();
        KludgesReader.Read(ref reader, rest, _position, builder);
        _position += (int)reader.BytesConsumed;
    }

    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json[_position..].StartsWith(literal))
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    private readonly byte Peek() => _position < _json.Length ? _json[_position] : (byte)0;

    private bool TryConsume(byte expected) => JsonScan.TryConsume(_json, ref _position, expected);

    private bool Expect(byte expected)
    {
        SkipWhitespace();
        return TryConsume(expected);
    }

    private void SkipWhitespace() => _position = JsonScan.SkipWhitespace(_json, _position);
}
