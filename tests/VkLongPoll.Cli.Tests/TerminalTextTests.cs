using VkLongPoll.Cli.Output;

namespace VkLongPoll.Cli.Tests;

/// <summary>Hostile text from the network must print as inert text.</summary>
public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[31mred\u001b[0m")]
    [InlineData("\u001b]0;pwned title\u0007")]
    [InlineData("\u001b[2J\u001b[H")]
    [InlineData("\u009b31m")]
    [InlineData("safe\rOVERWRITE")]
    [InlineData("bell\u0007\u0007")]
    [InlineData("\u202Eevil\u202C \u2066x\u2069 \u200F")]
    public void Sanitize_LeavesNoActiveControl(string hostile)
    {
        var safe = TerminalText.Sanitize(hostile);

        Assert.DoesNotContain(safe, c => c < ' ' && c != '\n' || c is >= '\u007F' and <= '\u009F' || c is '\u202E' or '\u202C' or '\u2066' or '\u2069' or '\u200F');
    }

    [Fact]
    public void Sanitize_ShowsEscapesAsPictures()
    {
        Assert.Equal("␛[31mred", TerminalText.Sanitize("\u001b[31mred"));
        Assert.Equal("a␍b", TerminalText.Sanitize("a\rb"));
    }

    [Theory]
    [InlineData("Привет, как дела? 🙂")]
    [InlineData("👨‍👩‍👧 family")]
    [InlineData("line one\nline two")]
    [InlineData("")]
    public void Sanitize_LeavesOrdinaryTextAlone(string text)
    {
        Assert.Same(text, TerminalText.Sanitize(text));
    }

    [Fact]
    public void Sanitize_NewlinesCanBeFolded_AndLoneSurrogatesReplaced()
    {
        Assert.Equal("a␊b", TerminalText.Sanitize("a\nb", keepNewlines: false));
        Assert.Equal("x\uFFFDy", TerminalText.Sanitize("x\uD800y"));
    }

    [Fact]
    public void Sanitize_HandlesAHundredKilobytes()
    {
        var huge = string.Concat(Enumerable.Repeat("ab\u001b[1m\r", 25_000));

        var safe = TerminalText.Sanitize(huge);

        Assert.Equal(huge.Length, safe.Length);
        Assert.DoesNotContain('\u001b', safe);
    }

    [Fact]
    public void Sanitize_DropsZeroWidthCharactersThatHideText_ButKeepsTheJoinersEmojiNeed()
    {
        var family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // man ZWJ woman ZWJ girl: one emoji

        Assert.Equal("paypal.com", TerminalText.Sanitize("pay\u200Bpal\u2060.\uFEFFcom"));
        Assert.Equal(family, TerminalText.Sanitize(family));
        Assert.Equal("a\u200Cb", TerminalText.Sanitize("a\u200Cb"));
    }
}
