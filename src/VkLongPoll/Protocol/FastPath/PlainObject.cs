using System.Text.Json;

namespace VkLongPoll.Protocol.FastPath;

/// <summary>
/// A JSON object whose values are all strings (as VK writes a message's two objects), read by bytes for the
/// <see cref="AnswerScanner"/>. At anything else — another kind of value, an escaped name, odd syntax — it
/// stops with <see cref="IsComplete"/> false and the caller reads the object with <see cref="ObjectReader"/>.
/// </summary>
internal ref struct PlainObject : IObjectValues
{
    private readonly ReadOnlySpan<byte> _json;
    private int _position;
    private int _nameStart;
    private int _nameEnd;
    private int _valueStart;
    private int _valueEnd;
    private bool _escaped;

    /// <summary>Starts at the object's opening brace at <paramref name="start"/> of the whole input.</summary>
    public PlainObject(ReadOnlySpan<byte> json, int start)
    {
        _json = json;
        _position = start + 1;
    }

    /// <summary>True once the closing brace was reached with every value a plain string.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Just past the closing brace (when <see cref="IsComplete"/>).</summary>
    public readonly int End => _position;

    public readonly long Offset => _valueStart;

    public readonly ReadOnlySpan<byte> NameBytes => _json[_nameStart.._nameEnd];

    public readonly string NameString => JsonValues.GetUnescapedString(NameBytes, _nameStart);

    private readonly ReadOnlySpan<byte> Content => _json[(_valueStart + 1)..(_valueEnd - 1)];

    public bool NextProperty()
    {
        if (IsComplete)
        {
            return false; // the closing brace was passed with the last property
        }

        SkipWhitespace();
        if (_nameEnd == 0 && _position < _json.Length && _json[_position] == (byte)'}')
        {
            _position++; // "{}"
            IsComplete = true;
            return false;
        }

        // "name" : "value" then , or }
        if (!Consume((byte)'"'))
        {
            return false;
        }

        _nameStart = _position;
        var nameEnd = JsonScan.StringEnd(_json, _position - 1, out var nameEscaped);
        if (nameEnd < 0 || nameEscaped)
        {
            return false;
        }

        _nameEnd = nameEnd - 1;
        _position = nameEnd;
        SkipWhitespace();
        if (!Consume((byte)':'))
        {
            return false;
        }

        SkipWhitespace();
        if (_position >= _json.Length || _json[_position] != (byte)'"')
        {
            return false; // not a string: the reader takes it
        }

        _valueStart = _position;
        _valueEnd = JsonScan.StringEnd(_json, _position, out _escaped);
        if (_valueEnd < 0)
        {
            return false;
        }

        _position = _valueEnd;
        SkipWhitespace();
        if (Consume((byte)','))
        {
            SkipWhitespace();
            return _position < _json.Length && _json[_position] == (byte)'"'; // no trailing comma
        }

        if (Consume((byte)'}'))
        {
            IsComplete = true; // the handler still reads this last value
        }

        return IsComplete;
    }

    public readonly LongPollProtocolException Error(string message) => new(message, Offset);

    public readonly long? Int64(string field)
    {
        // As ObjectReader reads a string value: digits (spaces around allowed), else a blank string is null.
        if (!_escaped && JsonValues.TryParseInt64(Content.Trim((byte)' '), out var number))
        {
            return number;
        }

        var text = String(field)!;
        return string.IsNullOrWhiteSpace(text) ? null
            : JsonValues.TryParseInt64(text, out number) ? number
            : throw new LongPollProtocolException($"{field} must be an integer", Offset);
    }

    public readonly string? String(string field) =>
        _escaped ? JsonValues.GetEscapedString(Content, Offset, vkText: false) : JsonValues.GetUnescapedString(Content, Offset);

    public readonly string? Text(string field) =>
        _escaped ? JsonValues.GetEscapedString(Content, Offset, vkText: true) : JsonValues.GetUnescapedVkText(Content, Offset);

    public readonly bool Flag(string field) => Int64(field) is { } value && value != 0;

    public readonly string Raw() => String("value")!;

    public readonly string RawValueJson() => JsonValues.RawText(_json[_valueStart.._valueEnd], Offset);

    public readonly long[] Int64Array(string field) => throw Error($"{field} must be an array");

    public readonly int? CopyString(scoped Span<byte> destination)
    {
        var token = _json[_valueStart.._valueEnd];
        if (token.Length - 2 > destination.Length)
        {
            return null;
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        try
        {
            return reader.CopyString(destination);
        }
        catch (InvalidOperationException e)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", Offset, e);
        }
    }

    public readonly ReadOnlySpan<byte> ValueBytes(out long offset)
    {
        offset = Offset;
        return _json[_valueStart.._valueEnd];
    }

    public readonly void SkipValue()
    {
    }

    private bool Consume(byte expected) => JsonScan.TryConsume(_json, ref _position, expected);

    private void SkipWhitespace() => _position = JsonScan.SkipWhitespace(_json, _position);
}
