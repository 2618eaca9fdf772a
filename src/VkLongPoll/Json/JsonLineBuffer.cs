using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace VkLongPoll;

/// <summary>
/// A minimal UTF-8 JSON writer for one object per line, into a pooled buffer written to the stream in large pieces.
/// </summary>
/// <remarks>
/// Property names come as UTF-8 literals (<c>"peer_id"u8</c>), written without escaping or transcoding. Strings are
/// transcoded once (vectorized) and escaped only where JSON or a terminal needs it: <c>"</c>, <c>\</c>, C0 and C1
/// control characters, DEL, U+2028 and U+2029, and the invisible and bidirectional controls (written as <c>\uXXXX</c>, so
/// a reader of the JSON sees them). Everything else — Cyrillic, emoji — is written as UTF-8, and a lone
/// surrogate becomes U+FFFD. Built for <see cref="EventJsonWriter"/>; measured against <see cref="Utf8JsonWriter"/> in
/// the benchmarks (docs/performance.md).
/// </remarks>
internal sealed partial class JsonLineBuffer : IDisposable
{
    /// <summary>Once a line ends with this much buffered, it goes to the stream.</summary>
    private const int WriteOutAt = 64 * 1024;

    /// <summary>
    /// Bytes of transcoded text that may need an escape: C0 controls, <c>"</c>, <c>\</c>, DEL, and the lead bytes of C1
    /// controls (<c>C2 80–9F</c>), of U+2028/U+2029 and of the invisible and bidirectional controls (<c>E2 80/81 …</c>,
    /// <c>D8 9C</c>, <c>E1 A0 8E</c>, <c>EF BB BF</c>). A vectorized search over UTF-8 finds them; the lead bytes also
    /// start ordinary characters («», —, Arabic letters…), which are checked and passed.
    /// </summary>
    private static readonly SearchValues<byte> MaybeEscaped = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F,
         (byte)'"', (byte)'\\', 0x7F, 0xC2, 0xD8, 0xE1, 0xE2, 0xEF]);

    private readonly Stream _output;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(WriteOutAt * 2);
    private int _position;

    // Bit n: the container at depth n already has a member (the next one needs a comma).
    private ulong _hasMember;
    private int _depth;
    private bool _afterName;

    public JsonLineBuffer(Stream output) => _output = output;

    public void StartObject()
    {
        BeforeValue();
        Put((byte)'{');
        Enter();
    }

    public void StartObject(ReadOnlySpan<byte> name)
    {
        Name(name);
        StartObject();
    }

    public void EndObject()
    {
        _depth--;
        Put((byte)'}');
    }

    public void StartArray(ReadOnlySpan<byte> name)
    {
        Name(name);
        BeforeValue();
        Put((byte)'[');
        Enter();
    }

    public void EndArray()
    {
        _depth--;
        Put((byte)']');
    }

    public void Number(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        NumberValue(value);
    }

    public void NumberValue(long value)
    {
        BeforeValue();
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out var written);
        _position += written;
    }

    public void Bool(ReadOnlySpan<byte> name, bool value)
    {
        Name(name);
        BeforeValue();
        Put(value ? "true"u8 : "false"u8);
    }

    public void String(ReadOnlySpan<byte> name, string value)
    {
        Name(name);
        StringValue(value);
    }

    /// <summary>A string property whose value is given as valid UTF-8 (a message text kept as the decoder found it).</summary>
    public void Utf8String(ReadOnlySpan<byte> name, ReadOnlySpan<byte> utf8)
    {
        Name(name);
        BeforeValue();
        QuotedUtf8(utf8);
    }

    /// <summary>A property whose name is data (escaped like a value).</summary>
    public void String(string name, string value)
    {
        Separator();
        Quoted(name);
        Put((byte)':');
        _afterName = true;
        StringValue(value);
    }

    public void StringValue(string value)
    {
        BeforeValue();
        Quoted(value);
    }

    /// <summary>A value already encoded as JSON by this writer's caller (a cached fragment).</summary>
    public void Encoded(ReadOnlySpan<byte> name, ReadOnlySpan<byte> json)
    {
        Name(name);
        BeforeValue();
        Put(json);
    }

    /// <summary>A JSON value given as text: written minified (so the line stays one line) when valid, as a string otherwise.</summary>
    public void Raw(ReadOnlySpan<byte> name, string json)
    {
        Name(name);
        var minified = new ArrayBufferWriter<byte>(json.Length + 16);
        try
        {
            using (var writer = new Utf8JsonWriter(minified, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                using var document = JsonDocument.Parse(json);
                document.WriteTo(writer);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or JSON that cannot be read back as text (a lone surrogate escape): kept as a string.
            StringValue(json);
            return;
        }

        BeforeValue();
        Put(minified.WrittenSpan);
    }

    /// <summary>Where the line being written starts: <see cref="DiscardLine"/> goes back there.</summary>
    public int LineStart => _position;

    /// <summary>Drops a line that could not be finished (an event whose own content failed), so no half line is ever written.</summary>
    public void DiscardLine(int lineStart)
    {
        _position = lineStart;
        _depth = 0;
        _hasMember = 0;
        _afterName = false;
    }

    /// <summary>Ends the line; sends the buffer to the stream once it holds enough.</summary>
    public void EndLine()
    {
        Put((byte)'\n');
        _depth = 0;
        _hasMember = 0;
        _afterName = false;
        if (_position >= WriteOutAt)
        {
            WriteOut();
        }
    }

    /// <summary>Sends what is buffered to the stream (without flushing the stream).</summary>
    /// <remarks>The buffer is emptied first: bytes the stream refused are not offered again when the writer is disposed.</remarks>
    public void WriteOut()
    {
        if (_position > 0)
        {
            var length = _position;
            _position = 0;
            _output.Write(_buffer, 0, length);
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Name(ReadOnlySpan<byte> name)
    {
        Separator();
        Ensure(name.Length + 3);
        var span = _buffer.AsSpan(_position);
        span[0] = (byte)'"';
        name.CopyTo(span[1..]);
        span[name.Length + 1] = (byte)'"';
        span[name.Length + 2] = (byte)':';
        _position += name.Length + 3;
        _afterName = true;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
        }
        else
        {
            Separator();
        }
    }

    private void Separator()
    {
        var bit = 1UL << _depth;
        if ((_hasMember & bit) != 0)
        {
            Put((byte)',');
        }
        else
        {
            _hasMember |= bit;
        }
    }

    private void Enter()
    {
        _depth++;
        _hasMember &= ~(1UL << _depth);
    }

    /// <summary>A string in quotes: transcoded in one vectorized pass, then searched for what needs escaping (usually nothing).</summary>
    private void Quoted(ReadOnlySpan<char> value)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 unit.
        Ensure(value.Length * 3 + 2);
        Put((byte)'"');
        Utf8.FromUtf16(value, _buffer.AsSpan(_position), out _, out var written, replaceInvalidSequences: true);
        CommitEscaped(written);
        Put((byte)'"');
    }

    /// <summary>A string given as valid UTF-8, in quotes: copied, then searched for what needs escaping.</summary>
    private void QuotedUtf8(ReadOnlySpan<byte> utf8)
    {
        Ensure(utf8.Length + 2);
        Put((byte)'"');
        utf8.CopyTo(_buffer.AsSpan(_position));
        CommitEscaped(utf8.Length);
        Put((byte)'"');
    }

    /// <summary>Keeps the <paramref name="written"/> bytes of text just put after the buffer's end, escaping what needs it.</summary>
    private void CommitEscaped(int written)
    {
        var text = _buffer.AsSpan(_position, written);
        var at = 0;
        while (true)
        {
            var found = text[at..].IndexOfAny(MaybeEscaped);
            if (found < 0)
            {
                _position += written;
                return;
            }

            at += found;
            var length = EscapedLength(text[at..]);
            if (length > 0)
            {
                EscapeFrom(at, written);
                return;
            }

            at++;
        }
    }

    /// <summary>How many bytes at the start of <paramref name="text"/> form a character to escape; 0 when it is an ordinary one.</summary>
    private static int EscapedLength(ReadOnlySpan<byte> text) => text[0] switch
    {
        0xC2 => text.Length > 1 && text[1] is >= 0x80 and <= 0x9F ? 2 : 0,
        // U+200B–U+200F (zero width, LRM/RLM), U+2028/U+2029, U+202A–U+202E (bidi embeddings, overrides), U+2060–U+2064
        // (word joiner, invisible operators), U+2066–U+2069 (bidi isolates): escaped, so they show in the JSON's text.
        0xE2 => text.Length > 2 && ((text[1] == 0x80 && text[2] is (>= 0x8B and <= 0x8F) or 0xA8 or 0xA9 or (>= 0xAA and <= 0xAE))
            || (text[1] == 0x81 && text[2] is (>= 0xA0 and <= 0xA4) or (>= 0xA6 and <= 0xA9))) ? 3 : 0,
        0xD8 => text.Length > 1 && text[1] == 0x9C ? 2 : 0, // U+061C, the Arabic letter mark
        0xE1 => text.Length > 2 && text[1] == 0xA0 && text[2] == 0x8E ? 3 : 0, // U+180E, the Mongolian vowel separator
        0xEF => text.Length > 2 && text[1] == 0xBB && text[2] == 0xBF ? 3 : 0, // U+FEFF, the zero-width no-break space
        _ => 1,
    };

    /// <summary>The transcoded text from <paramref name="at"/> on, written again with its escapes (rare: a quote, a newline…).</summary>
    private void EscapeFrom(int at, int written)
    {
        var rest = written - at;
        var scratch = ArrayPool<byte>.Shared.Rent(rest);
        _buffer.AsSpan(_position + at, rest).CopyTo(scratch);
        _position += at;
        var text = scratch.AsSpan(0, rest);
        while (!text.IsEmpty)
        {
            var found = text.IndexOfAny(MaybeEscaped);
            var plain = found < 0 ? text.Length : found;
            var length = found < 0 ? 0 : EscapedLength(text[found..]);
            if (found >= 0 && length == 0)
            {
                plain++;
            }

            Ensure(plain + 6);
            text[..plain].CopyTo(_buffer.AsSpan(_position));
            _position += plain;
            text = text[plain..];
            if (length > 0)
            {
                Escape(Decode(text[..length]));
                text = text[length..];
            }
        }

        ArrayPool<byte>.Shared.Return(scratch);
    }

    /// <summary>The character of an escaped sequence (one byte, C2 xx or E2 80 xx).</summary>
    private static char Decode(ReadOnlySpan<byte> sequence) => sequence.Length switch
    {
        1 => (char)sequence[0],
        2 => (char)(((sequence[0] & 0x1F) << 6) | (sequence[1] & 0x3F)),
        _ => (char)(((sequence[0] & 0x0F) << 12) | ((sequence[1] & 0x3F) << 6) | (sequence[2] & 0x3F)),
    };

    private void Escape(char c)
    {
        var span = _buffer.AsSpan(_position);
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[1] = shortForm;
            _position += 2;
            return;
        }

        // \u00XX with upper-case hex, as System.Text.Json writes it.
        span[1] = (byte)'u';
        span[2] = Hex(c >> 12);
        span[3] = Hex((c >> 8) & 0xF);
        span[4] = Hex((c >> 4) & 0xF);
        span[5] = Hex(c & 0xF);
        _position += 6;
    }

    private static byte Hex(int digit) => (byte)(digit < 10 ? '0' + digit : 'A' + digit - 10);

    private void Put(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    private void Put(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void Ensure(int count)
    {
        if (_position + count <= _buffer.Length)
        {
            return;
        }

        // A line longer than the buffer (a huge text): a larger buffer, the line kept whole in it.
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + count));
        _buffer.AsSpan(0, _position).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
