using System.Globalization;
using System.Text.Json;

namespace VkLongPoll.Community;

/// <summary>The fields of one community event's <c>object</c>, read strictly: a value of the wrong kind is an error, never a guess.</summary>
/// <remarks>
/// Strict because a wrong kind means the sender and this library disagree about the object: the event is then kept raw
/// (<see cref="UnknownCommunityEvent.DecodeError"/>) rather than typed with a made-up value. An absent or <c>null</c> optional
/// field is simply null. Every error is a <see cref="CommunityDecodeException"/>, which the reader turns into that raw event.
/// </remarks>
internal readonly struct CommunityFields
{
    private readonly JsonElement _object;
    private readonly string? _notAnObject;

    /// <summary>Fields of <paramref name="value"/>; when it is not an object, the first field asked for says so.</summary>
    /// <remarks>The check waits for the first field, so the object of a type nobody reads (an unknown type) is never judged.</remarks>
    public CommunityFields(JsonElement value, string what)
    {
        _object = value;
        _notAnObject = value.ValueKind == JsonValueKind.Object ? null : $"{what} must be an object, not {Kind(value.ValueKind)}";
    }

    /// <summary>The object itself, for readers that take a <see cref="JsonElement"/> (the message reader).</summary>
    public JsonElement Element => _notAnObject is null ? _object : throw new CommunityDecodeException(_notAnObject);

    /// <summary>A required integer (ids, dates).</summary>
    public long Long(string name) => OptionalLong(name) ?? throw Missing(name, "an integer");

    /// <summary>An optional integer: null when absent or <c>null</c>.</summary>
    public long? OptionalLong(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw Wrong(name, "an integer", value);
    }

    /// <summary>A required small integer (levels, reasons).</summary>
    public int Int(string name) => OptionalInt(name) ?? throw Missing(name, "an integer");

    /// <summary>An optional small integer.</summary>
    public int? OptionalInt(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw Wrong(name, "a 32-bit integer", value);
    }

    /// <summary>A required amount of money, which VK may send with a fraction (Donut's <c>amount_without_fee</c>).</summary>
    public decimal Amount(string name) => OptionalAmount(name) ?? throw Missing(name, "a number");

    /// <summary>An optional amount of money.</summary>
    public decimal? OptionalAmount(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw Wrong(name, "a number", value);
    }

    /// <summary>A flag VK sends as <c>0</c>/<c>1</c> (or <c>true</c>/<c>false</c>); false when absent.</summary>
    public bool Flag(string name)
    {
        if (!TryGet(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt64(out var number) => number != 0,
            _ => throw Wrong(name, "0, 1 or a boolean", value),
        };
    }

    /// <summary>A required string.</summary>
    public string String(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    /// <summary>An optional string.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(name, "a string", value);
    }

    /// <summary>A value kept as text whatever its kind: a string as it is, anything else as its raw JSON (payloads, setting values).</summary>
    public string? Text(string name) =>
        !TryGet(name, out var value) ? null : value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();

    /// <summary>A required nested object.</summary>
    public CommunityFields Object(string name) => OptionalObject(name) ?? throw Missing(name, "an object");

    /// <summary>An optional nested object.</summary>
    public CommunityFields? OptionalObject(string name) => TryGet(name, out var value) ? new CommunityFields(value, $"\"{name}\"") : null;

    /// <summary>A nested value as it is, for readers that take a <see cref="JsonElement"/> (the message reader).</summary>
    public bool TryGetElement(string name, out JsonElement value) => TryGet(name, out value);

    /// <summary>An optional array of objects; empty when absent.</summary>
    public IReadOnlyList<CommunityFields> Objects(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array", value);
        }

        return value.EnumerateArray().Select(item => new CommunityFields(item, $"an element of \"{name}\"")).ToArray();
    }

    /// <summary>An optional array of strings; empty when absent.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        if (!TryGet(name, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array", value);
        }

        return value.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Wrong(name, "an array of strings", item))
            .ToArray();
    }

    /// <summary>The object's own members, for objects keyed by name (a settings change).</summary>
    public IEnumerable<(string Name, CommunityFields Value)> Members() =>
        Element.EnumerateObject().Select(member => (member.Name, new CommunityFields(member.Value, $"\"{member.Name}\""))).ToArray();

    private bool TryGet(string name, out JsonElement value) =>
        Element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static CommunityDecodeException Missing(string name, string expected) => new($"\"{name}\" is missing (expected {expected})");

    private static CommunityDecodeException Wrong(string name, string expected, JsonElement value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"\"{name}\" must be {expected}, not {Kind(value.ValueKind)} {Shorten(value.GetRawText())}"));

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}

/// <summary>A community event's object could not be read as its type says: the reader keeps the event raw with this reason.</summary>
internal sealed class CommunityDecodeException(string message) : Exception(message);
