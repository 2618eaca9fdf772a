using System.Text;

namespace VkLongPoll.Cli.Output;

/// <summary>Makes text from the network safe to print: it cannot move the cursor, change colours, set the title, ring the bell or reorder the line.</summary>
/// <remarks>
/// C0 controls (but newline) and DEL become their visible pictures (␛, ␍, ␇…), so an escape sequence shows
/// as text instead of acting; C1 controls and lone surrogates become U+FFFD; bidirectional overrides and
/// isolates, and zero-width characters that only hide or split text, are dropped. Everything else — Cyrillic, emoji with joiners — is left as it is.
/// </remarks>
internal static class TerminalText
{
    public static string Sanitize(string text, bool keepNewlines = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text, keepNewlines))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '\n' when keepNewlines:
                    safe.Append('\n');
                    break;
                case '\t':
                    safe.Append("    ");
                    break;
                case < ' ':
                    safe.Append((char)(0x2400 + c)); // ␀…␟: visible, inert
                    break;
                case '\u007F':
                    safe.Append('\u2421'); // ␡
                    break;
                case >= '\u0080' and <= '\u009F':
                case var _ when char.IsSurrogate(c):
                    safe.Append('\uFFFD');
                    break;
                case var _ when IsHiddenControl(c):
                    break;
                default:
                    safe.Append(c);
                    break;
            }
        }

        return safe.ToString();
    }

    private static bool IsClean(string text, bool keepNewlines)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if ((c < ' ' && !(c == '\n' && keepNewlines)) || c is >= '\u007F' and <= '\u009F' || IsHiddenControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Bidirectional controls (they reorder what follows: a name that reads backwards) and invisible characters that only
    /// hide or split text (zero-width space, word joiner, invisible operators, the BOM, the Mongolian vowel separator).
    /// The zero-width joiner and non-joiner stay: emoji sequences and Persian and Indic scripts need them.
    /// </summary>
    private static bool IsHiddenControl(char c) =>
        c is '\u061C' or '\u200B' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2064') or (>= '\u2066' and <= '\u2069') or '\uFEFF' or '\u180E';
}
