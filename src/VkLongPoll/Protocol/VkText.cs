using System.Globalization;
using System.Net;
using System.Text;

namespace VkLongPoll;

/// <summary>Undoes the HTML escaping VK applies to texts in Long Poll updates.</summary>
/// <remarks>
/// VK writes newlines as <c>&lt;br&gt;</c> and escapes <c>" &amp; &lt; &gt;</c> as entities. Both are undone
/// in one left-to-right pass, so <c>&amp;amp;quot;</c> becomes <c>&amp;quot;</c> and is not decoded twice
/// (the bug vk-io has), and a user's literal <c>&amp;lt;br&amp;gt;</c> stays text. Texts of API objects are
/// plain and must not go through this.
/// </remarks>
internal static class VkText
{
    // The longest HTML entity name ("&CounterClockwiseContourIntegral;") is 33 characters.
    private const int MaxEntityLength = 40;

    /// <summary>Turns VK's escaped Long Poll text into plain text.</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsUnescaping(text))
        {
            return text;
        }

        var buffer = text.ToCharArray();
        return new string(buffer, 0, UnescapeInPlace(buffer));
    }

    /// <summary>True when the text holds a <c>&amp;</c> or <c>&lt;</c>, the only characters that start an escape.</summary>
    public static bool NeedsUnescaping(ReadOnlySpan<char> text) => text.IndexOfAny('&', '<') >= 0;

    /// <summary>Unescapes <paramref name="text"/> in place and returns the new length (never longer).</summary>
    public static int UnescapeInPlace(Span<char> text)
    {
        var write = 0;
        var read = 0;
        while (read < text.Length)
        {
            // Plain runs are moved in bulk; only '&' and '<' need a look.
            var plain = text[read..].IndexOfAny('&', '<');
            if (plain != 0)
            {
                var run = plain < 0 ? text.Length - read : plain;
                if (write != read)
                {
                    text.Slice(read, run).CopyTo(text[write..]);
                }

                write += run;
                read += run;
                continue;
            }

            var c = text[read];
            if (c == '<' && LineBreakLength(text[read..]) is > 0 and var tagLength)
            {
                text[write++] = '\n';
                read += tagLength;
                continue;
            }

            // The four entities VK writes itself, without the general entity parser.
            if (c == '&' && CommonEntity(text[read..]) is ({ } single, > 0 and var commonLength))
            {
                text[write++] = single;
                read += commonLength;
                continue;
            }

            if (c == '&' && DecodeEntity(text[read..], out var decoded, out var entityLength))
            {
                // An entity is at least as long as what it stands for, so writing never overtakes reading.
                foreach (var ch in decoded)
                {
                    text[write++] = ch;
                }

                read += entityLength;
                continue;
            }

            text[write++] = c;
            read++;
        }

        return write;
    }

    /// <summary><c>&amp;quot;</c>, <c>&amp;amp;</c>, <c>&amp;lt;</c> or <c>&amp;gt;</c> at the start: the character and the length, else length 0.</summary>
    private static (char Character, int Length) CommonEntity(ReadOnlySpan<char> text) => text switch
    {
        ['&', 'q', 'u', 'o', 't', ';', ..] => ('"', 6),
        ['&', 'a', 'm', 'p', ';', ..] => ('&', 5),
        ['&', 'l', 't', ';', ..] => ('<', 4),
        ['&', 'g', 't', ';', ..] => ('>', 4),
        _ => ('\0', 0),
    };

    /// <summary>
    /// The escapes VK writes itself (<c>&amp;quot; &amp;amp; &amp;lt; &amp;gt;</c> and <c>&lt;br&gt;</c> in its three forms)
    /// at the start of UTF-8 <paramref name="text"/>: the character and the length in bytes, else length 0.
    /// </summary>
    internal static (char Character, int Length) CommonEscapeUtf8(ReadOnlySpan<byte> text) => text switch
    {
        [(byte)'&', (byte)'q', (byte)'u', (byte)'o', (byte)'t', (byte)';', ..] => ('"', 6),
        [(byte)'&', (byte)'a', (byte)'m', (byte)'p', (byte)';', ..] => ('&', 5),
        [(byte)'&', (byte)'l', (byte)'t', (byte)';', ..] => ('<', 4),
        [(byte)'&', (byte)'g', (byte)'t', (byte)';', ..] => ('>', 4),
        [(byte)'<', var b, var r, .. var rest] when (b | 0x20) == 'b' && (r | 0x20) == 'r' => rest switch
        {
            [(byte)'>', ..] => ('\n', 4),
            [(byte)'/', (byte)'>', ..] => ('\n', 5),
            [(byte)' ', (byte)'/', (byte)'>', ..] => ('\n', 6),
            _ => ('\0', 0),
        },
        _ => ('\0', 0),
    };

    /// <summary>Length of <c>&lt;br&gt;</c>, <c>&lt;br/&gt;</c> or <c>&lt;br /&gt;</c> (any case) at the start, else 0.</summary>
    private static int LineBreakLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 4 || (text[1] | 0x20) != 'b' || (text[2] | 0x20) != 'r')
        {
            return 0;
        }

        var rest = text[3..];
        return rest switch
        {
            ['>', ..] => 4,
            ['/', '>', ..] => 5,
            [' ', '/', '>', ..] => 6,
            _ => 0,
        };
    }

    private static bool DecodeEntity(ReadOnlySpan<char> text, out ReadOnlySpan<char> decoded, out int length)
    {
        decoded = default;
        length = 0;
        var end = text[..Math.Min(text.Length, MaxEntityLength)].IndexOf(';');
        if (end < 2)
        {
            return false;
        }

        var name = text[1..end];
        length = end + 1;
        if (name[0] == '#')
        {
            return DecodeNumeric(name[1..], out decoded);
        }

        foreach (var ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch))
            {
                return false;
            }
        }

        decoded = name switch
        {
            "quot" => "\"",
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "apos" => "'",
            _ => WebUtility.HtmlDecode(text[..length].ToString()),
        };
        return decoded.Length < length;
    }

    private static bool DecodeNumeric(ReadOnlySpan<char> digits, out ReadOnlySpan<char> decoded)
    {
        decoded = default;
        var hex = digits.Length > 0 && (digits[0] | 0x20) == 'x';
        var number = hex ? digits[1..] : digits;
        var style = hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (number.IsEmpty || !int.TryParse(number, style, CultureInfo.InvariantCulture, out var codePoint)
            || codePoint == 0 || !Rune.IsValid(codePoint))
        {
            return false;
        }

        decoded = new Rune(codePoint).ToString();
        return true;
    }
}
