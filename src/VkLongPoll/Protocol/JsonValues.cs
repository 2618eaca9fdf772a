using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VkLongPoll;

/// <summary>Small, allocation-free readers of JSON scalars, shared by the tuple and object readers.</summary>
internal static class JsonValues
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly SearchValues<byte> EscapeOrMarkup = SearchValues.Create("\\&<"u8);

    /// <summary>Parses a JSON number token's raw bytes as a whole Int64 (no fraction, no exponent).</summary>
    public static bool TryParseInt64(ReadOnlySpan<byte> raw, out long value)
    {
        // Up to 18 digits cannot overflow: a plain loop. Longer numbers take the general parser.
        var negative = raw.Length > 0 && raw[0] == (byte)'-';
        var digits = negative ? raw[1..] : raw;
        if (digits.Length is > 0 and <= 18)
        {
            long result = 0;
            foreach (var b in digits)
            {
                var digit = (uint)(b - '0');
                if (digit > 9)
                {
                    value = 0;
                    return false;
                }

                result = (result * 10) + digit;
            }

            value = negative ? -result : result;
            return true;
        }

        return Utf8Parser.TryParse(raw, out value, out var consumed) && consumed == raw.Length;
    }

    /// <summary>Parses VK's "number in a string" (<c>"370926160"</c>, even <c>"123456 "</c>).</summary>
    public static bool TryParseInt64(string text, out long value) =>
        long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Narrows a count or code to Int32, or fails as a protocol error.</summary>
    public static int? ToInt32(long? value, long offset, string field) =>
        value is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)value
            : throw new LongPollProtocolException($"{field} is out of range", offset);

    /// <summary>Reads the string token the reader stands on; invalid UTF-8 becomes a protocol error.</summary>
    public static string GetString(ref Utf8JsonReader reader, long baseOffset)
    {
        try
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                return KnownStrings.TryGet(reader.ValueSpan, out var known) ? known : StrictUtf8.GetString(reader.ValueSpan);
            }

            return reader.GetString() ?? string.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", baseOffset + reader.TokenStartIndex, e);
        }
    }

    /// <summary>Decodes a JSON string's content (between the quotes) that has no escapes; invalid UTF-8 is a protocol error.</summary>
    public static string GetUnescapedString(ReadOnlySpan<byte> content, long offset)
    {
        try
        {
            return KnownStrings.TryGet(content, out var known) ? known : StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", offset, e);
        }
    }

    /// <summary>
    /// Decodes a JSON string's content that has no escapes and undoes VK's HTML escaping: the bytes
    /// straight to UTF-16 (no second reader pass over the string), one string allocated. The escapes VK
    /// writes itself are undone between runs of UTF-8; anything rarer hands the rest to <see cref="VkText"/>.
    /// </summary>
    public static string GetUnescapedVkText(ReadOnlySpan<byte> content, long offset)
    {
        var special = content.IndexOfAny((byte)'&', (byte)'<');
        if (special < 0)
        {
            return GetUnescapedString(content, offset);
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 16));
        try
        {
            var written = 0;
            while (true)
            {
                // '&' and '<' are ASCII, so cutting at them never splits a UTF-8 sequence.
                written += ToUtf16(special < 0 ? content : content[..special], buffer.AsSpan(written), offset);
                if (special < 0)
                {
                    return new string(buffer, 0, written);
                }

                content = content[special..];
                var (character, length) = VkText.CommonEscapeUtf8(content);
                if (length == 0)
                {
                    // A rarer entity or a literal '&' or '<': the general pass takes the rest (it is left to right too).
                    var rest = ToUtf16(content, buffer.AsSpan(written), offset);
                    written += VkText.UnescapeInPlace(buffer.AsSpan(written, rest));
                    return new string(buffer, 0, written);
                }

                buffer[written++] = character;
                content = content[length..];
                special = content.IndexOfAny((byte)'&', (byte)'<');
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int ToUtf16(ReadOnlySpan<byte> utf8, Span<char> destination, long offset) =>
        utf8.IsEmpty ? 0
        : System.Text.Unicode.Utf8.ToUtf16(utf8, destination, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
            ? written
            : throw new LongPollProtocolException("a string is not valid UTF-8", offset);

    /// <summary>
    /// Reads the string token the reader stands on and undoes VK's HTML escaping, with one string
    /// allocated: texts without <c>&amp;</c>, <c>&lt;</c> or JSON escapes go straight from UTF-8.
    /// </summary>
    public static string GetVkText(ref Utf8JsonReader reader, long baseOffset)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        var offset = baseOffset + reader.TokenStartIndex;
        return reader.ValueIsEscaped ? GetEscapedString(raw, offset, vkText: true) : GetUnescapedVkText(raw, offset);
    }

    /// <summary>
    /// Decodes a JSON string's content that has escapes (<c>\/</c>, <c>\n</c>, <c>\uXXXX</c>…) straight to
    /// UTF-16 in one pass, optionally undoing VK's HTML escaping too. The escapes were validated by the
    /// reader that found the token; a lone surrogate escape becomes U+FFFD; invalid UTF-8 is a protocol error.
    /// </summary>
    public static string GetEscapedString(ReadOnlySpan<byte> content, long offset, bool vkText)
    {
        // UTF-16 never needs more chars than the escaped UTF-8 has bytes.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(content.Length, 16));
        try
        {
            var written = vkText ? UnescapeVkTextToUtf16(content, buffer, offset) : UnescapeToUtf16(content, buffer, offset);
            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// JSON escapes and VK's own HTML escapes undone in one pass over the bytes (links make most long texts
    /// escaped: <c>https:\/\/…</c>). A <c>\u</c> escape (it may spell <c>&amp;</c> or <c>&lt;</c>), a rarer entity
    /// or a literal <c>&amp;</c>/<c>&lt;</c> hands the rest to the general passes: JSON first, then <see cref="VkText"/>.
    /// </summary>
    private static int UnescapeVkTextToUtf16(ReadOnlySpan<byte> content, Span<char> destination, long offset)
    {
        var written = 0;
        while (true)
        {
            var stop = content.IndexOfAny(EscapeOrMarkup);
            written += ToUtf16(stop < 0 ? content : content[..stop], destination[written..], offset);
            if (stop < 0)
            {
                return written;
            }

            content = content[stop..];
            if (content[0] != (byte)'\\' && VkText.CommonEscapeUtf8(content) is (var character, > 0 and var length))
            {
                destination[written++] = character;
                content = content[length..];
                continue;
            }

            if (content[0] == (byte)'\\' && content.Length >= 2 && content[1] != (byte)'u')
            {
                destination[written++] = SimpleEscape(content[1]);
                content = content[2..];
                continue;
            }

            var rest = UnescapeToUtf16(content, destination[written..], offset);
            return written + VkText.UnescapeInPlace(destination.Slice(written, rest));
        }
    }

    /// <summary>The character of a one-letter JSON escape (<c>\n</c>, <c>\"</c>, <c>\/</c>…).</summary>
    private static char SimpleEscape(byte letter) => letter switch
    {
        (byte)'n' => '\n',
        (byte)'t' => '\t',
        (byte)'r' => '\r',
        (byte)'b' => '\b',
        (byte)'f' => '\f',
        _ => (char)letter, // \" \\ \/
    };

    private static int UnescapeToUtf16(ReadOnlySpan<byte> content, Span<char> destination, long offset)
    {
        var written = 0;
        while (true)
        {
            // A backslash is ASCII, so cutting at one never splits a UTF-8 sequence.
            var backslash = content.IndexOf((byte)'\\');
            written += ToUtf16(backslash < 0 ? content : content[..backslash], destination[written..], offset);

            if (backslash < 0)
            {
                return written;
            }

            content = content[backslash..];
            if (content.Length < 2)
            {
                throw new LongPollProtocolException("a string ends inside an escape", offset);
            }

            if (content[1] != (byte)'u')
            {
                destination[written++] = SimpleEscape(content[1]);
                content = content[2..];
                continue;
            }

            var unit = ReadHex4(content, offset);
            content = content[6..];
            if (char.IsHighSurrogate(unit) && content.Length >= 6 && content[0] == (byte)'\\' && content[1] == (byte)'u'
                && ReadHex4(content, offset) is var low && char.IsLowSurrogate(low))
            {
                destination[written++] = unit;
                destination[written++] = low;
                content = content[6..];
            }
            else if (char.IsSurrogate(unit))
            {
                // Grammatical JSON, but half a character: VK cuts texts mid-pair (previews, is_cropped). It becomes U+FFFD,
                // as every browser's decoder does, instead of costing the whole event (a feed would lose the message).
                destination[written++] = '\uFFFD';
            }
            else
            {
                destination[written++] = unit;
            }
        }
    }

    /// <summary>The code unit of <c>\uXXXX</c> at the start of <paramref name="escape"/>.</summary>
    private static char ReadHex4(ReadOnlySpan<byte> escape, long offset) =>
        escape.Length >= 6 && Utf8Parser.TryParse(escape.Slice(2, 4), out ushort unit, out var consumed, 'X') && consumed == 4
            ? (char)unit
            : throw new LongPollProtocolException("a string has a malformed \\u escape", offset);

    /// <summary>Decodes raw UTF-8 bytes of JSON text (for keeping a value as raw JSON).</summary>
    public static string RawText(ReadOnlySpan<byte> raw, long offset)
    {
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException e)
        {
            throw new LongPollProtocolException("the input is not valid UTF-8", offset, e);
        }
    }

    /// <summary>Turns a reader's <see cref="JsonException"/> into the protocol exception with an absolute offset.</summary>
    public static LongPollProtocolException Invalid(JsonException e, ReadOnlySpan<byte> input, long baseOffset) =>
        LongPollProtocolException.FromJson(e, input, baseOffset);
}
