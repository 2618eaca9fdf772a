using System.Buffers;
using System.Runtime.CompilerServices;

namespace VkLongPoll.Protocol.FastPath;

/// <summary>Byte-level checks of JSON tokens for the fast path (<see cref="AnswerScanner"/>, <see cref="PlainObject"/>).</summary>
internal static class JsonScan
{
    /// <summary>What ends a run of plain string content: the closing quote, an escape, or a control character (invalid there).</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    /// <summary>
    /// Where the string token starting with the quote at <paramref name="quote"/> ends (just past its closing
    /// quote), or -1 if it is not plainly valid: a control character, an unknown escape, no end.
    /// UTF-8 is checked where a string is decoded, as on the reader path (its Read does not check it either).
    /// </summary>
    public static int StringEnd(ReadOnlySpan<byte> json, int quote, out bool escaped)
    {
        escaped = false;
        var position = quote + 1;

        // Most strings are short ids and words: a plain loop beats setting up a vectorized search for them.
        var shortEnd = Math.Min(json.Length, position + 16);
        for (var i = position; i < shortEnd; i++)
        {
            var b = json[i];
            if (b == (byte)'"')
            {
                return i + 1;
            }

            if (b is (byte)'\\' or < 0x20)
            {
                break;
            }
        }

        while (true)
        {
            var rest = json[position..];
            // One vectorized pass finds the next quote, escape or (invalid) control character.
            var stop = rest.IndexOfAny(StringStops);
            if (stop < 0 || rest[stop] < 0x20)
            {
                return -1;
            }

            position += stop;
            if (json[position] == (byte)'"')
            {
                return position + 1;
            }

            escaped = true;
            if (position + 1 >= json.Length)
            {
                return -1;
            }

            switch (json[position + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    position += 2;
                    break;
                case (byte)'u' when position + 6 <= json.Length && IsHex4(json.Slice(position + 2, 4)):
                    position += 6;
                    break;
                default:
                    return -1;
            }
        }
    }

    private static bool IsHex4(ReadOnlySpan<byte> digits)
    {
        foreach (var digit in digits)
        {
            if (!char.IsAsciiHexDigit((char)digit))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first position at or after <paramref name="position"/> that is not JSON whitespace.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called between every two tokens
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int position)
    {
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            position++;
        }

        return position;
    }

    /// <summary>Steps over <paramref name="expected"/> if it is at <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryConsume(ReadOnlySpan<byte> json, ref int position, byte expected)
    {
        if (position >= json.Length || json[position] != expected)
        {
            return false;
        }

        position++;
        return true;
    }
}
