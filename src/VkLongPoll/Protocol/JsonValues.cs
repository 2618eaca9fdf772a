using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VkLongPoll.Protocol;

/// <summary>Small, allocation-free readers of JSON scalars, shared by the tuple and object readers.</summary>
internal static class JsonValues
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

    /// <summary>
    /// Reads the string token the reader stands on and undoes VK's HTML escaping, with one string
    /// allocated: texts without <c>&amp;</c>, <c>&lt;</c> or JSON escapes go straight from UTF-8.
    /// </summary>
    public static string GetVkText(ref Utf8JsonReader reader, long baseOffset)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (!reader.ValueIsEscaped && raw.IndexOfAny((byte)'&', (byte)'<') < 0)
        {
            return GetString(ref reader, baseOffset);
        }

        // UTF-16 never needs more chars than the UTF-8 (or JSON-escaped) text has bytes.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(raw.Length, 16));
        try
        {
            int written;
            if (reader.ValueIsEscaped)
            {
                written = reader.CopyString(buffer);
            }
            else if (System.Text.Unicode.Utf8.ToUtf16(raw, buffer, out _, out written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new LongPollProtocolException("a string is not valid UTF-8", baseOffset + reader.TokenStartIndex);
            }

            return new string(buffer, 0, VkText.UnescapeInPlace(buffer.AsSpan(0, written)));
        }
        catch (InvalidOperationException e)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", baseOffset + reader.TokenStartIndex, e);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

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
