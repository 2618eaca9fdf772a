using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VkLongPoll;

/// <summary>
/// UTF-8 validation sixteen bytes at a time (Keiser and Lemire, "Validating UTF-8 in less than one instruction per byte",
/// 2021: three table lookups on nibbles of each byte and its predecessor), for message texts the decoder keeps as UTF-8.
/// </summary>
/// <remarks>
/// <see cref="System.Text.Unicode.Utf8.IsValid(ReadOnlySpan{byte})"/> is vectorized for ASCII only: on Cyrillic texts it
/// took a quarter of the decoder's time, as much as the transcoding it replaced (docs/performance.md). The answer is the
/// same as its answer for every input (tests compare them on random and crafted bytes); without SSSE3 it is used instead.
/// </remarks>
internal static class Utf8Validation
{
    // Error classes of a byte pair (first byte's high nibble, its low nibble, second byte's high nibble): an error is a bit
    // that all three lookups set. The tables are the paper's.
    private const byte TooShort = 1 << 0;   // a lead (or ASCII) where a continuation is due
    private const byte TooLong = 1 << 1;    // ASCII followed by a continuation
    private const byte Overlong3 = 1 << 2;  // E0 80..9F
    private const byte TooLarge = 1 << 3;   // above U+10FFFF
    private const byte Surrogate = 1 << 4;  // ED A0..BF
    private const byte Overlong2 = 1 << 5;  // C0, C1
    private const byte TooLarge1000 = 1 << 6;
    private const byte Overlong4 = 1 << 6;  // F0 80..8F
    private const byte TwoContinuations = 1 << 7;
    private const byte Carry = TooShort | TooLong | TwoContinuations;

    private static readonly Vector128<byte> Byte1High = Vector128.Create(
        TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong, TooLong,
        TwoContinuations, TwoContinuations, TwoContinuations, TwoContinuations,
        (byte)(TooShort | Overlong2),
        TooShort,
        (byte)(TooShort | Overlong3 | Surrogate),
        (byte)(TooShort | TooLarge | TooLarge1000 | Overlong4));

    private static readonly Vector128<byte> Byte1Low = Vector128.Create(
        (byte)(Carry | Overlong3 | Overlong2 | Overlong4),
        (byte)(Carry | Overlong2),
        Carry,
        Carry,
        (byte)(Carry | TooLarge),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000 | Surrogate),
        (byte)(Carry | TooLarge | TooLarge1000),
        (byte)(Carry | TooLarge | TooLarge1000));

    private static readonly Vector128<byte> Byte2High = Vector128.Create(
        TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort, TooShort,
        (byte)(TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge1000 | Overlong4),
        (byte)(TooLong | Overlong2 | TwoContinuations | Overlong3 | TooLarge),
        (byte)(TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge),
        (byte)(TooLong | Overlong2 | TwoContinuations | Surrogate | TooLarge),
        TooShort, TooShort, TooShort, TooShort);

    /// <summary>True when <paramref name="utf8"/> is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (!Ssse3.IsSupported || utf8.Length < 2 * Vector128<byte>.Count)
        {
            return System.Text.Unicode.Utf8.IsValid(utf8);
        }

        ref var start = ref MemoryMarshal.GetReference(utf8);
        var previous = Vector128<byte>.Zero;
        var error = Vector128<byte>.Zero;
        var blocks = utf8.Length / Vector128<byte>.Count;
        for (var block = 0; block < blocks; block++)
        {
            var input = Vector128.LoadUnsafe(ref start, (nuint)(block * Vector128<byte>.Count));
            if (input.ExtractMostSignificantBits() != 0)
            {
                error |= BlockErrors(input, previous);
            }
            else
            {
                // An ASCII block must not follow a sequence left open by the previous one (which it would have flagged itself).
                error |= IncompleteAtEnd(previous);
            }

            previous = input;
        }

        if (error != Vector128<byte>.Zero)
        {
            return false;
        }

        // The tail (and a sequence the last block left open) is checked from the start of its character.
        var tail = blocks * Vector128<byte>.Count;
        var back = 0;
        while (back < 3 && (utf8[tail - back - 1] & 0xC0) == 0x80)
        {
            back++;
        }

        return System.Text.Unicode.Utf8.IsValid(utf8[(tail - back - 1)..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> BlockErrors(Vector128<byte> input, Vector128<byte> previous)
    {
        // prevN[i] = the byte N places before input[i], across the block boundary.
        var prev1 = Ssse3.AlignRight(input, previous, 15);
        var lowNibbles = Vector128.Create((byte)0x0F);
        var byte1High = Ssse3.Shuffle(Byte1High, Vector128.ShiftRightLogical(prev1.AsUInt16(), 4).AsByte() & lowNibbles);
        var byte1Low = Ssse3.Shuffle(Byte1Low, prev1 & lowNibbles);
        var byte2High = Ssse3.Shuffle(Byte2High, Vector128.ShiftRightLogical(input.AsUInt16(), 4).AsByte() & lowNibbles);
        var special = byte1High & byte1Low & byte2High;

        // A byte two after a three- or four-byte lead, or three after a four-byte lead, must be a continuation (bit 7 marks it).
        var prev2 = Ssse3.AlignRight(input, previous, 14);
        var prev3 = Ssse3.AlignRight(input, previous, 13);
        var mustContinue = (Sse2.SubtractSaturate(prev2, Vector128.Create((byte)(0xE0 - 0x80))) | Sse2.SubtractSaturate(prev3, Vector128.Create((byte)(0xF0 - 0x80))))
            & Vector128.Create((byte)0x80);
        return mustContinue ^ special;
    }

    /// <summary>Non-zero when the block's last bytes start a sequence that needs bytes after the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> IncompleteAtEnd(Vector128<byte> block) =>
        Sse2.SubtractSaturate(block, Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1));
}
