using System.Text.RegularExpressions;

namespace VkLongPoll.Cli.Output;

/// <summary>
/// Anything shaped like a VK token, in a line the tool prints about an argument or a failure, shown redacted: a token typed
/// into the wrong place ("Unrecognized argument 'vk1.a.…'") must not be echoed to the screen, a log or a CI transcript.
/// </summary>
internal static partial class SecretText
{
    /// <summary><paramref name="text"/> with every token-shaped run replaced by its prefix and "…(redacted)".</summary>
    public static string Redact(string text) =>
        TokenShape().Replace(text, match => match.Groups["prefix"].Success ? match.Groups["prefix"].Value + "…(redacted)" : "…(redacted)");

    // VK's tokens today (user, community, VK ID access and refresh): vk1.a.…, vk2.a.… in base64url; older ones: 64 to 85
    // hexadecimal digits. Base64url runs of 32 or more also count: a refresh token or a code verifier has no prefix.
    [GeneratedRegex(@"(?<prefix>vk\d+\.[a-z]\.)[A-Za-z0-9_\-.]+|\b[0-9a-fA-F]{64,}\b|(?<![A-Za-z0-9_\-/.:=?&])[A-Za-z0-9_\-]{48,}(?![A-Za-z0-9_\-/])", RegexOptions.CultureInvariant)]
    private static partial Regex TokenShape();
}
