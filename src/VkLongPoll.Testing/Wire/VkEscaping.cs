using System.Text;

namespace VkLongPoll.Testing.Wire;

/// <summary>Escapes text the way VK's Long Poll does: <c>&amp; " &lt; &gt;</c> as entities, newlines as <c>&lt;br&gt;</c>.</summary>
internal static class VkEscaping
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&\"<>\n") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '"' => "&quot;",
                '<' => "&lt;",
                '>' => "&gt;",
                '\n' => "<br>",
                _ => null,
            });
            if (c is not ('&' or '"' or '<' or '>' or '\n'))
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>VK sets <c>emoji: "1"</c> when a text has emoji; characters outside the BMP are close enough.</summary>
    public static bool HasEmoji(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || c is >= '\u2600' and <= '\u27BF')
            {
                return true;
            }
        }

        return false;
    }
}
