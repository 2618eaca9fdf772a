namespace VkLongPoll.Events;

/// <summary>
/// A message's text as the decoder found it: the UTF-8 content of its JSON string, made into a <see cref="string"/> on
/// first read. Decoding a message then costs a copy of its bytes rather than a transcode to UTF-16 (a quarter of the
/// decoder's time on long Cyrillic texts; docs/performance.md), and a consumer that never reads the text — a filter on
/// peers, <c>vklp decode</c> writing it back out as UTF-8 — never pays for one.
/// </summary>
/// <remarks>
/// Only content that cannot fail later is kept so: valid UTF-8 without <c>\u</c> escapes (the decoder reads anything
/// else at once, with its errors where they were). Two texts are equal when their strings are; a race between two
/// first reads makes two equal strings, one of which is kept.
/// </remarks>
internal sealed class MessageText : IEquatable<MessageText>
{
    /// <summary>
    /// Texts shorter than this are made into strings at once: keeping them saves little, and a consumer that reads every
    /// text would pay a copy, a check and a second object for each (reading every text costs ~8 % more than decoding
    /// strings at once did; docs/performance.md).
    /// </summary>
    public const int KeptFromBytes = 64;

    private readonly byte[]? _content;
    private readonly bool _jsonEscaped;
    private string? _value;

    /// <summary>A text already made.</summary>
    public MessageText(string value) => _value = value;

    /// <summary>The content between a JSON string's quotes: valid UTF-8, VK's HTML escapes, JSON escapes other than <c>\u</c> when <paramref name="jsonEscaped"/>.</summary>
    public MessageText(byte[] content, bool jsonEscaped)
    {
        _content = content;
        _jsonEscaped = jsonEscaped;
    }

    /// <summary>The text, HTML-unescaped.</summary>
    public string Value => _value ??= Decode();

    /// <summary>Bytes enough for <see cref="TryGetUtf8"/>: unescaping never makes content longer.</summary>
    public int MaxUtf8Length => _content?.Length ?? 0;

    /// <summary>
    /// The text as UTF-8 into <paramref name="destination"/> (at least <see cref="MaxUtf8Length"/> bytes) without making a
    /// string: JSON escapes and the escapes VK writes itself are undone on the bytes, in the order the string's decoding
    /// undoes them. False — use <see cref="Value"/> — for a text made from a string, or with a rarer entity or a literal
    /// <c>&amp;</c> or <c>&lt;</c> (the general pass handles those).
    /// </summary>
    public bool TryGetUtf8(Span<byte> destination, out int written)
    {
        written = 0;
        if (_content is null)
        {
            return false;
        }

        var content = _content.AsSpan();
        while (true)
        {
            var stop = _jsonEscaped ? content.IndexOfAny((byte)'\\', (byte)'&', (byte)'<') : content.IndexOfAny((byte)'&', (byte)'<');
            var plain = stop < 0 ? content : content[..stop];
            plain.CopyTo(destination[written..]);
            written += plain.Length;
            if (stop < 0)
            {
                return true;
            }

            content = content[stop..];
            if (content[0] == (byte)'\\')
            {
                // Content kept so has no \u escapes and was checked by the scanner: a one-letter escape.
                destination[written++] = content[1] switch
                {
                    (byte)'n' => (byte)'\n',
                    (byte)'t' => (byte)'\t',
                    (byte)'r' => (byte)'\r',
                    (byte)'b' => (byte)'\b',
                    (byte)'f' => (byte)'\f',
                    (byte)'u' => throw new InvalidOperationException("a \\u escape in a text kept as UTF-8"),
                    var letter => letter, // \" \\ \/
                };
                content = content[2..];
                continue;
            }

            var (character, length) = VkText.CommonEscapeUtf8(content);
            if (length == 0)
            {
                written = 0;
                return false;
            }

            destination[written++] = (byte)character; // " & < > or a newline: ASCII
            content = content[length..];
        }
    }

    public bool Equals(MessageText? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as MessageText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    // The content was validated when it was kept (UTF-8, no \u escape): these cannot fail, and the offset is never reported.
    private string Decode() =>
        _jsonEscaped ? JsonValues.GetEscapedString(_content, 0, vkText: true) : JsonValues.GetUnescapedVkText(_content, 0);
}
