using System.Text;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Events;

/// <summary>
/// A decoded message text is kept as its UTF-8 and made into a string when read (<see cref="MessageText"/>): what is read,
/// compared and written is exactly what decoding it at once gave, and bad bytes are still an error of the decode.
/// </summary>
public sealed class MessageTextTests
{
    private static readonly LongPollDecoder Decoder = new(new LongPollDecoderOptions { Version = 19 });

    private static byte[] Answer(byte[] quotedText) =>
        [.. "{\"ts\":2,\"updates\":[[10004,7,1,100,2000000001,1780000000,"u8, .. quotedText, .. ",{\"from\":\"5\"},{},0,55,0]]}"u8];

    private static LongPollMessage Decode(byte[] quotedText) =>
        Assert.IsType<MessageNewEvent>(Assert.Single(Decoder.ReadResponse(Answer(quotedText)).Updates)).Message;

    private static string Written(LongPollMessage message)
    {
        using var output = new MemoryStream();
        using (var writer = new EventJsonWriter(output, 19))
        {
            writer.Write(new MessageNewEvent(10004, message));
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData(4)]
    [InlineData(60)] // past the validator's vector blocks
    public void InvalidUtf8_IsStillAnErrorOfTheDecode_AtTheText(int padding)
    {
        byte[] text = [(byte)'"', .. Encoding.UTF8.GetBytes(new string('ж', padding)), 0xC3, 0x28, (byte)'"'];

        var e = Assert.Throws<LongPollProtocolException>(() => Decoder.ReadResponse(Answer(text)));

        Assert.Contains("UTF-8", e.Reason, StringComparison.Ordinal);
        Assert.Equal(Answer(text).AsSpan().IndexOf(text), e.Offset);
    }

    [Fact]
    public void RandomVkTexts_ReadCompareAndWrite_AsTheirStrings()
    {
        // Pieces as VK writes them: raw UTF-8, JSON escapes (\/ in every link), \u escapes, its HTML entities.
        string[] pieces =
        [
            "a", "Привет", " ", "🙂", "«ёлка»", "—", "\\/", "\\\"", "\\\\", "\\n", "\\t", "\\u0001", "\\u00e9", "\\ud83d\\ude42",
            "&amp;", "&quot;", "&lt;br&gt;", "<br>", "&#33;", "&", "\u007f", "\u0085", "\u2028", "https:\\/\\/vk.com",
        ];
        // Half the runs without escapes or entities: those texts are written from their UTF-8, never made into strings.
        string[] plain = ["a", "Привет", " ", "🙂", "«ёлка»", "—", "\u007f", "\u0085", "\u2028", ">"];
        var random = new Random(1706);
        var kept = 0;
        for (var run = 0; run < 3000; run++)
        {
            var pool = run % 2 == 0 ? plain : pieces;
            var json = "\"" + string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => pool[random.Next(pool.Length)])) + "\"";
            var expected = VkText.Unescape(JsonDocument.Parse(json).RootElement.GetString()!);

            var decoded = Decode(Encoding.UTF8.GetBytes(json));
            kept += decoded.TextValue!.MaxUtf8Length > 0 ? 1 : 0;
            var madeFromString = decoded with { Text = expected };

            Assert.Equal(expected, decoded.Text);
            Assert.Equal(madeFromString, decoded);
            Assert.Equal(madeFromString.GetHashCode(), decoded.GetHashCode());
            Assert.Equal(Written(madeFromString), Written(Decode(Encoding.UTF8.GetBytes(json))));
        }

        // Long texts were kept as bytes, short ones made into strings at once: both ways were compared.
        Assert.InRange(kept, 600, 2400);
    }

    [Fact]
    public void MessagesWithDifferentTexts_AreNotEqual()
    {
        Assert.NotEqual(Decode("\"a&amp;b\""u8.ToArray()), Decode("\"a&b!\""u8.ToArray()));
        Assert.Equal(Decode("\"a&amp;b\""u8.ToArray()), Decode("\"a&b\""u8.ToArray()));
    }
}
