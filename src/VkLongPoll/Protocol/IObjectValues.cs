namespace VkLongPoll;

/// <summary>
/// The properties of one JSON object, one at a time, with their values read as VK writes them. Implemented
/// by <see cref="ObjectReader"/> (any object, over <see cref="System.Text.Json.Utf8JsonReader"/>) and by
/// <see cref="Protocol.FastPath.PlainObject"/> (the byte scanner's objects of string values), so one reader of a message's
/// objects serves both decoding paths.
/// </summary>
internal interface IObjectValues
{
    /// <summary>Offset in the whole input of the current token (for errors).</summary>
    long Offset { get; }

    /// <summary>The current property name's bytes, unescaped.</summary>
    ReadOnlySpan<byte> NameBytes { get; }

    /// <summary>The current property name.</summary>
    string NameString { get; }

    /// <summary>Moves to the next property; false at the end of the object.</summary>
    bool NextProperty();

    /// <summary>A protocol error at the current token.</summary>
    LongPollProtocolException Error(string message);

    /// <summary>The value as an integer (a number or a numeric string); null for null or a blank string.</summary>
    long? Int64(string field);

    /// <summary>The value as text: strings as they are, numbers and booleans as written.</summary>
    string? String(string field);

    /// <summary>The value as VK text (VK's HTML escaping undone).</summary>
    string? Text(string field);

    /// <summary>The value as a "0"/"1" flag.</summary>
    bool Flag(string field);

    /// <summary>The value as raw JSON text, strings unescaped.</summary>
    string Raw();

    /// <summary>The value as raw JSON text, strings with their quotes.</summary>
    string RawValueJson();

    /// <summary>The value as a list of integers.</summary>
    long[] Int64Array(string field);

    /// <summary>The value's string as unescaped UTF-8 into <paramref name="destination"/>; null if it is not a string or does not fit.</summary>
    int? CopyString(scoped Span<byte> destination);

    /// <summary>The value's bytes, for a custom parser.</summary>
    ReadOnlySpan<byte> ValueBytes(out long offset);

    /// <summary>Skips the value.</summary>
    void SkipValue();
}
