using System.Text;
using System.Text.Json;

namespace VkLongPoll;

/// <summary>Walks the properties of one JSON object (an update's additional, attachments or data object).</summary>
/// <remarks>
/// VK writes most scalars in these objects as strings (<c>"from":"370926160"</c>); the value readers
/// accept a number or a numeric string alike. Wrong types are protocol errors at the value's offset.
/// </remarks>
internal ref struct ObjectReader : IObjectValues
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly long _baseOffset;
    private Utf8JsonReader _reader;

    /// <summary>Starts on an object that is exactly <paramref name="json"/>, found at <paramref name="baseOffset"/>.</summary>
    public ObjectReader(ReadOnlySpan<byte> json, long baseOffset, string what)
    {
        _json = json;
        _baseOffset = baseOffset;
        _reader = new Utf8JsonReader(json);
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LongPollProtocolException($"{what} must be an object", baseOffset);
        }
    }

    /// <summary>Continues with <paramref name="readerAtStartObject"/> (a copy) over <paramref name="json"/>, found at <paramref name="baseOffset"/>.</summary>
    public ObjectReader(ReadOnlySpan<byte> json, long baseOffset, Utf8JsonReader readerAtStartObject)
    {
        _json = json;
        _baseOffset = baseOffset;
        _reader = readerAtStartObject;
    }

    /// <summary>The reader, for handing the position back to the caller that lent it.</summary>
    public readonly Utf8JsonReader Reader => _reader;

    /// <summary>Offset of the current token in the whole input.</summary>
    public readonly long Offset => _baseOffset + _reader.TokenStartIndex;

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    public bool NextProperty()
    {
        _reader.Read();
        return _reader.TokenType == JsonTokenType.PropertyName;
    }

    public readonly bool NameIs(ReadOnlySpan<byte> name) => _reader.ValueTextEquals(name);

    /// <summary>The property name's bytes, unescaped.</summary>
    public readonly ReadOnlySpan<byte> NameBytes =>
        _reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(NameString) : _reader.ValueSpan;

    public readonly string NameString
    {
        get
        {
            var copy = _reader;
            return JsonValues.GetString(ref copy, _baseOffset);
        }
    }

    public readonly LongPollProtocolException Error(string message) => new(message, Offset);

    /// <summary>Reads the current property's value as an integer (number or numeric string); null for null or "".</summary>
    public long? Int64(string field)
    {
        _reader.Read();
        return ReadInt64(ref _reader, _baseOffset, field, allowNull: true);
    }

    /// <summary>Reads the current property's value as text: strings as is, numbers and booleans as written.</summary>
    public string? String(string field)
    {
        _reader.Read();
        switch (_reader.TokenType)
        {
            case JsonTokenType.String:
                return JsonValues.GetString(ref _reader, _baseOffset);
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return JsonValues.RawText(_reader.ValueSpan, Offset);
            case JsonTokenType.Null:
                return null;
            default:
                throw Error($"{field} must be a string");
        }
    }

    /// <summary>Reads the current property's value as VK text: a string with VK's HTML escaping undone.</summary>
    public string? Text(string field)
    {
        if (PeekValueType() != JsonTokenType.String)
        {
            return String(field);
        }

        _reader.Read();
        return JsonValues.GetVkText(ref _reader, _baseOffset);
    }

    /// <summary>Reads the current property's string value as unescaped UTF-8 into <paramref name="destination"/>; null when it is not a string or does not fit.</summary>
    public int? CopyString(scoped Span<byte> destination)
    {
        _reader.Read();
        if (_reader.TokenType != JsonTokenType.String || _reader.ValueSpan.Length > destination.Length)
        {
            return null;
        }

        try
        {
            return _reader.CopyString(destination);
        }
        catch (InvalidOperationException e)
        {
            throw new LongPollProtocolException("a string is not valid UTF-8", Offset, e);
        }
    }

    /// <summary>Reads the current property's value as a "0"/"1" flag (also a number or a boolean).</summary>
    public bool Flag(string field)
    {
        _reader.Read();
        return _reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => ReadInt64(ref _reader, _baseOffset, field, allowNull: true) is { } value && value != 0,
        };
    }

    /// <summary>Reads the current property's value, whatever it is, as raw JSON text (strings unescaped).</summary>
    public string Raw()
    {
        _reader.Read();
        if (_reader.TokenType == JsonTokenType.String)
        {
            return JsonValues.GetString(ref _reader, _baseOffset);
        }

        return RawJson();
    }

    /// <summary>Reads the current property's value, whatever it is, as raw JSON text (strings keep their quotes).</summary>
    public string RawValueJson()
    {
        _reader.Read();
        return RawJson();
    }

    /// <summary>The kind of the current property's value, without consuming it.</summary>
    public readonly JsonTokenType PeekValueType()
    {
        var copy = _reader;
        copy.Read();
        return copy.TokenType;
    }

    /// <summary>Skips the current property's value.</summary>
    public void SkipValue()
    {
        _reader.Read();
        _reader.Skip();
    }

    /// <summary>Reads the current property's value as a list of integers.</summary>
    public long[] Int64Array(string field)
    {
        _reader.Read();
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error($"{field} must be an array");
        }

        var values = new List<long>();
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(ReadInt64(ref _reader, _baseOffset, field, allowNull: false)!.Value);
        }

        return [.. values];
    }

    /// <summary>Skips the current property's value and returns its bytes, for a custom parser.</summary>
    public ReadOnlySpan<byte> ValueBytes(out long offset)
    {
        _reader.Read();
        var start = (int)_reader.TokenStartIndex;
        offset = _baseOffset + start;
        _reader.Skip();
        return _json[start..(int)_reader.BytesConsumed];
    }

    public readonly long BaseOffset => _baseOffset;

    /// <summary>Reads an integer at the reader's current token: a number or a numeric string.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, long baseOffset, string field) =>
        ReadInt64(ref reader, baseOffset, field, allowNull: false)!.Value;

    private static long? ReadInt64(ref Utf8JsonReader reader, long baseOffset, string field, bool allowNull)
    {
        var offset = baseOffset + reader.TokenStartIndex;
        long number;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when JsonValues.TryParseInt64(reader.ValueSpan, out number):
                return number;
            case JsonTokenType.String when !reader.ValueIsEscaped && !reader.HasValueSequence
                && JsonValues.TryParseInt64(reader.ValueSpan.Trim((byte)' '), out number):
                return number;
            case JsonTokenType.String:
                var text = JsonValues.GetString(ref reader, baseOffset);
                if (allowNull && string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                return JsonValues.TryParseInt64(text, out number)
                    ? number
                    : throw new LongPollProtocolException($"{field} must be an integer", offset);
            case JsonTokenType.Null when allowNull:
                return null;
            default:
                throw new LongPollProtocolException($"{field} must be an integer", offset);
        }
    }

    private string RawJson()
    {
        var start = (int)_reader.TokenStartIndex;
        if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _reader.Skip();
        }

        return JsonValues.RawText(_json[start..(int)_reader.BytesConsumed], _baseOffset + start);
    }
}
