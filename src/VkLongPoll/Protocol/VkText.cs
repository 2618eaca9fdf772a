using System.Net;

namespace VkLongPoll.Protocol;

/// <summary>Undoes the HTML escaping VK applies to texts in Long Poll updates.</summary>
/// <remarks>
/// VK writes newlines as <c>&lt;br&gt;</c> and escapes <c>" &amp; &lt; &gt;</c> as entities. Entities are
/// decoded in one left-to-right pass, so <c>&amp;amp;quot;</c> becomes <c>&amp;quot;</c> and is not decoded
/// twice (the bug vk-io has). Texts from API objects are plain and must not go through this.
/// </remarks>
public static class VkText
{
    /// <summary>Turns VK's escaped Long Poll text into plain text.</summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<') < 0)
        {
            return text;
        }

        // <br> first: an escaped "&lt;br&gt;" typed by a user must stay literal text.
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = text.Replace("<br>", "\n", StringComparison.OrdinalIgnoreCase)
                .Replace("<br/>", "\n", StringComparison.OrdinalIgnoreCase)
                .Replace("<br />", "\n", StringComparison.OrdinalIgnoreCase);
        }

        return text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;
    }
}
