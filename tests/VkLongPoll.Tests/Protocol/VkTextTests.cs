
namespace VkLongPoll.Tests.Protocol;

public sealed class VkTextTests
{
    // Leaves '&' and '<' as they are, like VK (the default encoder would write them as \u0026 and \u003C).
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("line1<br>line2", "line1\nline2")]
    [InlineData("a<br/>b<br />c<BR>d", "a\nb\nc\nd")]
    [InlineData("&quot;q&quot; &lt;b&gt; &amp; x", "\"q\" <b> & x")]
    [InlineData("&amp;quot;", "&quot;")]
    [InlineData("&amp;amp;", "&amp;")]
    [InlineData("&amp;lt;br&amp;gt;", "&lt;br&gt;")]
    [InlineData("&lt;br&gt;", "<br>")]
    [InlineData("&#33;&#x41;&#128578;", "!A🙂")]
    [InlineData("&nbsp;&copy;&mdash;", "\u00a0©—")]
    [InlineData("AT&T & co", "AT&T & co")]
    [InlineData("&unknownentity;", "&unknownentity;")]
    [InlineData("& &; &#; &#x;", "& &; &#; &#x;")]
    [InlineData("", "")]
    [InlineData("&quot;&amp;&lt;&gt;<br><BR/><bR />&lt;br&gt;&", "\"&<>\n\n\n<br>&")]
    [InlineData("<b>&amp", "<b>&amp")]
    [InlineData("x&amp;&nbsp;&amp;y", "x&\u00a0&y")]
    public void Unescape_DecodesOncePerLevel(string escaped, string plain)
    {
        Assert.Equal(plain, VkText.Unescape(escaped));

        // The decoder undoes the common escapes on the UTF-8 bytes and must agree, with text around them too.
        var json = System.Text.Json.JsonSerializer.Serialize($"д {escaped} 🌚", RelaxedJson);
        Assert.Equal($"д {plain} 🌚", TestData.Message(TestData.Event($"[10004,1,1,1,5,1,{json},{{}},{{}},0,1,0]")).Text);

        // And with a JSON escape in the string (as links are: https:\/\/…), which takes the escaped path.
        var escapedJson = "\"\\/" + json[1..^1] + "\\n\"";
        Assert.Equal($"/д {plain} 🌚\n", TestData.Message(TestData.Event($"[10004,1,1,1,5,1,{escapedJson},{{}},{{}},0,1,0]")).Text);
    }

    [Fact]
    public void Unescape_UnchangedText_ReturnsTheSameInstance()
    {
        const string text = "no entities here";

        Assert.Same(text, VkText.Unescape(text));
    }

    [Fact]
    public void Decoder_UnescapesMessageTextAndChatTitles()
    {
        var message = TestData.Message(TestData.Event(
            """[4,1,8195,2000000001,1,"Tom &amp; Jerry<br>&quot;hi&quot;",{"source_act":"chat_title_update","source_text":"A &amp; B","source_old_text":"&lt;old&gt;","from":"5"},{}]""", 3));

        Assert.Equal("Tom & Jerry\n\"hi\"", message.Text);
        Assert.Equal(("A & B", "<old>"), (message.Action?.Text, message.Action?.OldText));
    }

    [Theory]
    [InlineData(@"https:\/\/youtu.be\/p-nI2vNC-Ag", "https://youtu.be/p-nI2vNC-Ag")]
    [InlineData(@"a\nb\tc\r\b\f", "a\nb\tc\r\b\f")]
    [InlineData(@"\""q\"" \\ \/", "\"q\" \\ /")]
    [InlineData(@"\uD83D\uDE42 \ud83d\ude42 \u0041\u00e9", "🙂 🙂 Aé")]
    [InlineData(@"Дача \u0026amp; 🌚 &amp;\/", "Дача & 🌚 &/")]
    [InlineData(@"\u0026lt;br\u0026gt;", "<br>")]
    public void Decoder_JsonEscapesAreUndoneBeforeHtmlEntities(string wire, string text)
    {
        var message = TestData.Message(TestData.Event($$"""[10004,1,1,1,5,1,"{{wire}}",{},{},0,1,0]"""));

        Assert.Equal(text, message.Text);
    }

    [Theory]
    [InlineData(@"\uD83D alone", "\uFFFD alone")]
    [InlineData(@"\uDE42 low first", "\uFFFD low first")]
    [InlineData(@"\uD83D\u0041", "\uFFFDA")]
    [InlineData(@"end \uD83D", "end \uFFFD")]
    [InlineData(@"&amp; \ud83d &lt;", "& \uFFFD <")]
    public void Decoder_LoneSurrogateEscape_BecomesTheReplacementCharacter_AndTheEventIsKept(string wire, string text)
    {
        var message = TestData.Message(TestData.Event($$"""[10004,1,1,1,5,1,"{{wire}}",{},{},0,1,0]"""));

        Assert.Equal(text, message.Text);
    }
}
