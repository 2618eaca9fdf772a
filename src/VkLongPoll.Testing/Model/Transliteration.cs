using System.Text;

namespace VkLongPoll.Testing.Model;

/// <summary>Cyrillic names in Latin letters, as VK gives them for a non-Cyrillic <c>lang</c> ("If you use a non-cyrillic language, cyrillic symbols will be transliterated automatically", VK's text of the lang parameter).</summary>
internal static class Transliteration
{
    private static readonly Dictionary<char, string> Letters = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    public static string ToLatin(string text)
    {
        var latin = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (!Letters.TryGetValue(lower, out var letters))
            {
                latin.Append(c);
            }
            else if (letters.Length > 0)
            {
                latin.Append(c == lower ? letters : char.ToUpperInvariant(letters[0]) + letters[1..]);
            }
        }

        return latin.ToString();
    }

    /// <summary>Whether VK answers in Cyrillic for <paramref name="lang"/> (ru, uk, be, kz; or their numbers 0, 1, 2, 97; none given).</summary>
    public static bool IsCyrillic(string? lang) => lang is null or "" or "ru" or "uk" or "ua" or "be" or "kz" or "0" or "1" or "2" or "97";
}
