using System.Text;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Events;

/// <summary>The NDJSON writer's strings: UTF-8 as is, escapes only where JSON or a terminal needs them, one line per event.</summary>
public sealed class EventJsonWriterTests
{
    private static byte[] Write(params LongPollEvent[] events)
    {
        using var output = new MemoryStream();
        using (var writer = new EventJsonWriter(output, 19))
        {
            foreach (var e in events)
            {
                writer.Write(e);
            }

            writer.Flush();
        }

        return output.ToArray();
    }

    private static MessageNewEvent Message(string text) => new(10004, new LongPollMessage { MessageId = 1, PeerId = new PeerId(5), Text = text, IsComplete = true });

    [Theory]
    [InlineData("Привет 🙂 «ёлка» — …", "\"text\":\"Привет 🙂 «ёлка» — …\"")]
    [InlineData("a\"b\\c/d", "\"text\":\"a\\\"b\\\\c/d\"")]
    [InlineData("1\n2\r3\t4\b5\f6", "\"text\":\"1\\n2\\r3\\t4\\b5\\f6\"")]
    [InlineData("\u001b[31mred\u0000", "\"text\":\"\\u001B[31mred\\u0000\"")]
    [InlineData("del\u007f c1\u009b\u0085 nbsp\u00a0", "\"text\":\"del\\u007F c1\\u009B\\u0085 nbsp\u00a0\"")]
    [InlineData("ls\u2028ps\u2029 en\u2013dash", "\"text\":\"ls\\u2028ps\\u2029 en\u2013dash\"")]
    [InlineData("<b>&amp;</b> 'q' +", "\"text\":\"<b>&amp;</b> 'q' +\"")]
    public void Text_IsWrittenAsUtf8_WithOnlyTheNeededEscapes(string text, string expected)
    {
        var line = Encoding.UTF8.GetString(Write(Message(text)));

        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void LoneSurrogates_BecomeTheReplacementCharacter()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var text = "lone " + (char)0xD800 + " surrogate " + (char)0xDC00 + "!";

        Assert.Contains("\"text\":\"lone \ufffd surrogate \ufffd!\"", Encoding.UTF8.GetString(Write(Message(text))), StringComparison.Ordinal);
    }

    [Fact]
    public void BidiAndZeroWidthControls_AreEscaped_SoTheyShowInTheJson_AndTheTextRoundTrips()
    {
        var text = "evil\u202Etxt.exe \u2066x\u2069 pay\u200Bpal \u061C \uFEFF \u180E a\u200Db «ёлка» —";

        var line = Encoding.UTF8.GetString(Write(Message(text)));

        foreach (var escape in new[] { "\\u202e", "\\u2066", "\\u2069", "\\u200b", "\\u061c", "\\ufeff", "\\u180e", "\\u200d" })
        {
            Assert.Contains(escape, line, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("«ёлка» —", line, StringComparison.Ordinal);
        using var parsed = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(text, parsed.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void AnEventThatFailsMidWay_LeavesNoHalfLine_AndTheNextIsWrittenWhole()
    {
        using var output = new MemoryStream();
        using (var writer = new EventJsonWriter(output, 19))
        {
            var failing = new FailingNames(failFor: 5);
            writer.Write(Message("before"));
            var error = Assert.Throws<LongPollProtocolException>(() => writer.Write(Message("its names fail"), failing));
            Assert.Contains("cannot be written as JSON", error.Message, StringComparison.Ordinal);
            writer.Write(Message("after"));
        }

        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        Assert.Contains("\"text\":\"after\"", lines[1], StringComparison.Ordinal);
    }

    private sealed class FailingNames(long failFor) : IEventNames
    {
        public string? UserName(long userId) => userId == failFor ? throw new InvalidOperationException("no name") : null;

        public string? ChatTitle(long peerId) => peerId == failFor ? throw new InvalidOperationException("no title") : null;
    }

    [Fact]
    public void AnUnknownEventWhoseRawJsonHasALoneSurrogateEscape_IsWrittenAsOneValidLine_BetweenItsNeighbours()
    {
        var lines = Encoding.UTF8.GetString(Write(
            Message("before"),
            new UnknownEvent(99999, @"[99999,""half \ud83d of a pair""]"),
            Message("after"))).TrimEnd('\n').Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        Assert.Contains("\"text\":\"before\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"code\":99999", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"text\":\"after\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void RandomText_RoundTrips_AndNeverCarriesARawControlCharacter()
    {
        var random = new Random(16);
        var alphabet = "aZ0 \"\\/\n\t\u0001\u001b\u007f\u0080\u009f\u00a0«»ёЖ—…\u2028\u2029\ud83d\ude42\ud800\udc00\ufffd€".ToCharArray();
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var bytes = Write(Message(text));

            Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
            Assert.DoesNotContain(bytes, b => b < 0x20 && b != (byte)'\n');
            var utf8 = bytes.AsSpan();
            Assert.True(utf8.IndexOf([(byte)0xC2, (byte)0x80]) < 0 && utf8.IndexOf([(byte)0xE2, (byte)0x80, (byte)0xA8]) < 0, "C1 controls and U+2028 are escaped");
            var parsed = JsonDocument.Parse(bytes).RootElement.GetProperty("text").GetString();
            // Lone surrogates cannot be UTF-8: they come back as U+FFFD; everything else exactly.
            Assert.Equal(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)), parsed);
        }
    }

    [Fact]
    public void ManyEvents_ComeOutAsManyLines_InOrder_WhateverTheBufferHoldsAtOnce()
    {
        var events = Enumerable.Range(0, 20_000).Select(i => (LongPollEvent)Message($"message {i} " + new string('ж', i % 300))).ToArray();

        var lines = Encoding.UTF8.GetString(Write(events)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(20_000, lines.Length);
        Assert.All(lines.Select((line, i) => (line, i)), x => Assert.StartsWith($"message {x.i} ", JsonDocument.Parse(x.line).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void AHugeText_StaysOneLine()
    {
        var text = string.Concat(Enumerable.Repeat("Длинный текст \"с кавычками\"\n", 20_000));

        var bytes = Write(Message(text));

        Assert.Equal(text, JsonDocument.Parse(bytes).RootElement.GetProperty("text").GetString());
        Assert.Equal(1, bytes.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public void RawJsonFields_AreMinified_AndInvalidOnesWrittenAsText()
    {
        var keyboard = new MessageNewEvent(10004, new LongPollMessage
        {
            MessageId = 1,
            Extras = new MessageExtras { KeyboardJson = "{\n  \"one_time\": true\n}" },
        });
        var broken = new MessageNewEvent(10004, new LongPollMessage { MessageId = 2, Extras = new MessageExtras { KeyboardJson = "{not json" } });

        var lines = Encoding.UTF8.GetString(Write(keyboard, broken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("\"keyboard\":{\"one_time\":true}", lines[0], StringComparison.Ordinal);
        Assert.Equal("{not json", JsonDocument.Parse(lines[1]).RootElement.GetProperty("keyboard").GetString());
    }
}
