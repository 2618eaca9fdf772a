using System.Text;

namespace VkLongPoll.Tests.Protocol;

/// <summary>The vectorized validator answers as <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/> does, on every input.</summary>
public sealed class Utf8ValidationTests
{
    /// <summary>Characters of every length and the classic mistakes, to be strung together at random block offsets.</summary>
    private static readonly byte[][] Pieces =
    [
        "a"u8.ToArray(), "Привет"u8.ToArray(), "€"u8.ToArray(), "🙂"u8.ToArray(), "\u07FF"u8.ToArray(), "\uFFFD"u8.ToArray(),
        [0xF4, 0x8F, 0xBF, 0xBF], // U+10FFFF, the last one
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xF5, 0x80, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0xF0, 0x9F, 0x99], [0xE2, 0x82],
    ];

    [Fact]
    public void AgreesWithTheRuntime_OnStringsOfCharactersAndMistakes()
    {
        var random = new Random(19);
        var invalid = 0;
        for (var run = 0; run < 20_000; run++)
        {
            var bytes = new List<byte>();
            var length = random.Next(0, 120);
            var mistakes = random.Next(4) == 0;
            while (bytes.Count < length)
            {
                // Runs of ASCII long enough to fill whole blocks after a sequence left open, or a character or mistake.
                if (random.Next(3) == 0)
                {
                    bytes.AddRange(Enumerable.Repeat((byte)'a', random.Next(1, 40)));
                    continue;
                }

                var piece = Pieces[random.Next(mistakes ? Pieces.Length : 7)];
                bytes.AddRange(piece);
            }

            var input = bytes.ToArray();
            var expected = System.Text.Unicode.Utf8.IsValid(input);
            invalid += expected ? 0 : 1;
            Assert.True(expected == Utf8Validation.IsValid(input), $"{Convert.ToHexString(input)}: runtime says {expected}");
        }

        Assert.InRange(invalid, 1_000, 19_000); // both answers were exercised
    }

    [Fact]
    public void AgreesWithTheRuntime_OnRandomBytesAndEveryCutOfAText()
    {
        var random = new Random(3);
        for (var run = 0; run < 20_000; run++)
        {
            var input = new byte[random.Next(0, 80)];
            random.NextBytes(input);
            if (random.Next(2) == 0)
            {
                // Mostly high bytes, so that some random runs are valid and errors sit at every offset.
                for (var i = 0; i < input.Length; i++)
                {
                    input[i] = (byte)(input[i] % 3 == 0 ? 0x80 | (input[i] & 0x3F) : input[i] % 3 == 1 ? 0xD0 : 0x41);
                }
            }

            Assert.Equal(System.Text.Unicode.Utf8.IsValid(input), Utf8Validation.IsValid(input));
        }

        var text = Encoding.UTF8.GetBytes("Встречаемся завтра в 10:00 🙂 на «Даче» — ok? €5 𝄞 и ещё немного текста, чтобы было больше блоков");
        for (var cut = 0; cut <= text.Length; cut++)
        {
            for (var from = 0; from < 5 && from <= cut; from++)
            {
                var piece = text.AsSpan(from, cut - from);
                Assert.True(System.Text.Unicode.Utf8.IsValid(piece) == Utf8Validation.IsValid(piece), $"bytes {from}..{cut}");
            }
        }
    }

    [Fact]
    public void FindsASequenceLeftOpen_BeforeWholeBlocksOfAscii_AtEveryOffset()
    {
        byte[][] open = [[0xC2], [0xE0, 0xA0], [0xF0, 0x9F, 0x99], [0xD0]];
        foreach (var piece in open)
        {
            for (var before = 0; before < 40; before++)
            {
                var input = Enumerable.Repeat((byte)'a', before).Concat("ж"u8.ToArray()).Concat(piece).Concat(Enumerable.Repeat((byte)'b', 50)).ToArray();
                Assert.False(Utf8Validation.IsValid(input), Convert.ToHexString(input));
                var closed = Enumerable.Repeat((byte)'a', before).Concat("ж"u8.ToArray()).Concat("🙂"u8.ToArray()).Concat(Enumerable.Repeat((byte)'b', 50)).ToArray();
                Assert.True(Utf8Validation.IsValid(closed), Convert.ToHexString(closed));
            }
        }
    }
}
