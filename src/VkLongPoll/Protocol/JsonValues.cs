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
    public static bool TryParseInt64(ReadOnlySpan<byte> raw, out long value) =>
        Utf8Parser.TryParse(raw, out value, out var consumed) && consumed == raw.Length;

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
                return StrictUtf8.GetString(reader.ValueSpan);
            }

            return reader.GetString() ?? string.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", baseOffset + reader.TokenStartIndex, e);
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
    public static LongPollProtocolException Invalid(JsonException e, ReadOnlySpan<byte> input, long baseOffset)
    {
        var offset = baseOffset + OffsetOf(input, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
        return new LongPollProtocolException("invalid JSON: " + FirstSentence(e.Message), offset, e);
    }

    private static long OffsetOf(ReadOnlySpan<byte> input, long line, long bytePositionInLine)
    {
        long offset = 0;
        for (long i = 0; i < line; i++)
        {
            var newline = input[(int)offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return Math.Min(offset + bytePositionInLine, input.Length);
    }

    private static string FirstSentence(string message)
    {
        // The reader's message ends with "LineNumber: x | BytePositionInLine: y."; our offset replaces it.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
