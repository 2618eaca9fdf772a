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

    /// <summary>
    /// The text's UTF-8 without making a string, when its content needs no unescaping (no JSON escape, no <c>&amp;</c> or
    /// <c>&lt;</c>): what it would decode to is exactly these bytes.
    /// </summary>
    public bool TryGetUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (_value is null && _content is not null && !_jsonEscaped && _content.AsSpan().IndexOfAny((byte)'&', (byte)'<') < 0)
        {
            utf8 = _content;
            return true;
        }

        utf8 = default;
        return false;
    }

    public bool Equals(MessageText? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as MessageText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;

    // The content was validated when it was kept (UTF-8, no \u escape): these cannot fail, and the offset is never reported.
    private string Decode() =>
        _jsonEscaped ? JsonValues.GetEscapedString(_content, 0, vkText: true) : JsonValues.GetUnescapedVkText(_content, 0);
}
