using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>One update array, element by element, over the input bytes; every read is checked.</summary>
/// <remarks>
/// The slots were found by the pass that read the answer (the byte scanner or the reader) and validated
/// the JSON; reading an element goes straight to its bytes. A missing element or one of the wrong type is a
/// <see cref="LongPollProtocolException"/> pointing at it, never an index or cast error.
/// </remarks>
internal ref struct UpdateTuple
{
    private readonly ReadOnlySpan<byte> _json;
    private readonly ReadOnlySpan<JsonSlot> _slots;

    public UpdateTuple(ReadOnlySpan<byte> json, ReadOnlySpan<JsonSlot> slots, int start, int end)
    {
        _json = json;
        _slots = slots;
        Start = start;
        End = end;
    }

    /// <summary>The event code (element 0), set by the decoder once read.</summary>
    public int Code { get; set; }

    /// <summary>The thread's message builder holding the message objects, read in the first pass (null if there were none).</summary>
    public MessageBuilder? Kludges { get; init; }

    /// <summary>What was wrong in those objects, if anything.</summary>
    public LongPollProtocolException? KludgesError { get; init; }

    /// <summary>Offset of the array's opening bracket.</summary>
    public int Start { get; }

    /// <summary>Offset just past the array's closing bracket.</summary>
    public int End { get; }

    public readonly int Count => _slots.Length;

    public readonly JsonTokenType TypeAt(int index) => (uint)index < (uint)_slots.Length ? _slots[index].Type : JsonTokenType.None;

    /// <summary>True when the element exists and is not JSON null.</summary>
    public readonly bool Has(int index) => TypeAt(index) is not (JsonTokenType.None or JsonTokenType.Null);

    public readonly bool IsNumber(int index) => TypeAt(index) == JsonTokenType.Number;

    public readonly bool IsString(int index) => TypeAt(index) == JsonTokenType.String;

    public readonly bool IsObject(int index) => TypeAt(index) == JsonTokenType.StartObject;

    public readonly bool IsArray(int index) => TypeAt(index) == JsonTokenType.StartArray;

    private readonly JsonSlot SlotAt(int index) =>
        (uint)index < (uint)_slots.Length ? _slots[index] : throw Error(index, "is missing");

    public readonly long Offset(int index) => (uint)index < (uint)_slots.Length ? _slots[index].Start : End - 1;

    public readonly LongPollProtocolException Error(int index, string message) =>
        new($"event {Code}: element {index} {message}", Offset(index));

    public readonly long Int64(int index, string field) =>
        OptionalInt64(index, field) ?? throw Error(index, $"({field}) is missing");

    public readonly long? OptionalInt64(int index, string field)
    {
        if (!Has(index))
        {
            return null;
        }

        ref readonly var slot = ref _slots[index];
        if (slot.IsInteger)
        {
            return slot.Integer;
        }

        // VK writes some numbers as strings (ts in failed:1, ids in objects); accept them here too.
        if (slot.Type == JsonTokenType.String && JsonValues.TryParseInt64(String(index, field), out var number))
        {
            return number;
        }

        throw Error(index, $"({field}) must be an integer");
    }

    public readonly int Int32(int index, string field) =>
        OptionalInt32(index, field) ?? throw Error(index, $"({field}) is missing");

    public readonly int? OptionalInt32(int index, string field)
    {
        var value = OptionalInt64(index, field);
        return value is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)value
            : throw Error(index, $"({field}) is out of range");
    }

    public readonly string String(int index, string field) =>
        OptionalString(index, field) ?? throw Error(index, $"({field}) is missing");

    public readonly string? OptionalString(int index, string field) => ReadString(index, field, vkText: false);

    /// <summary>Reads a string element and undoes VK's HTML escaping (see <see cref="VkText"/>).</summary>
    public readonly string? OptionalText(int index, string field) => ReadString(index, field, vkText: true);

    /// <summary>
    /// A message's text, kept as its UTF-8 content to be made into a string when read (<see cref="MessageText"/>); content
    /// that is not valid UTF-8 or has <c>\u</c> escapes is read at once, so its errors stay where they were.
    /// </summary>
    public readonly MessageText? OptionalMessageText(int index, string field)
    {
        if (!Has(index) || !IsString(index))
        {
            return OptionalText(index, field) is { } text ? new MessageText(text) : null;
        }

        ref readonly var slot = ref _slots[index];
        var content = _json[(slot.Start + 1)..(slot.End - 1)];
        if (content.Length < MessageText.KeptFromBytes || (slot.IsEscaped && content.IndexOf("\\u"u8) >= 0) || !Utf8Validation.IsValid(content))
        {
            return new MessageText(ReadString(index, field, vkText: true)!);
        }

        return new MessageText(content.ToArray(), slot.IsEscaped);
    }

    private readonly string? ReadString(int index, string field, bool vkText)
    {
        if (!Has(index))
        {
            return null;
        }

        if (!IsString(index))
        {
            throw Error(index, $"({field}) must be a string");
        }

        ref readonly var slot = ref _slots[index];
        if (!slot.IsEscaped)
        {
            // The first pass validated the token: its content lies between the quotes, no second reader needed.
            var content = _json[(slot.Start + 1)..(slot.End - 1)];
            return vkText ? JsonValues.GetUnescapedVkText(content, slot.Start) : JsonValues.GetUnescapedString(content, slot.Start);
        }

        return JsonValues.GetEscapedString(_json[(slot.Start + 1)..(slot.End - 1)], slot.Start, vkText);
    }

    /// <summary>A reader over one element, already standing on its first token.</summary>
    public readonly Utf8JsonReader ReaderAt(int index)
    {
        var slot = SlotAt(index);
        var reader = new Utf8JsonReader(_json[slot.Start..slot.End]);
        reader.Read();
        return reader;
    }

    /// <summary>The element's offset in the input (for errors raised while reading inside it).</summary>
    public readonly long BaseOffset(int index) => SlotAt(index).Start;

    /// <summary>The element's bytes.</summary>
    public readonly ReadOnlySpan<byte> RawSpan(int index)
    {
        var slot = SlotAt(index);
        return _json[slot.Start..slot.End];
    }

    public readonly string Raw(int index)
    {
        var slot = SlotAt(index);
        return JsonValues.RawText(_json[slot.Start..slot.End], slot.Start);
    }

    /// <summary>The element at <paramref name="index"/>, which must be an object.</summary>
    public readonly ReadOnlySpan<byte> ObjectAt(int index, string field) =>
        IsObject(index) ? RawSpan(index) : throw Error(index, Has(index) ? $"({field}) must be an object" : $"({field}) is missing");

    public readonly string Raw() => JsonValues.RawText(_json[Start..End], Start);

    /// <summary>Reads elements from <paramref name="first"/> to the end as integers.</summary>
    public readonly long[] Int64Tail(int first, string field)
    {
        if (first >= Count)
        {
            return [];
        }

        var values = new long[Count - first];
        for (var i = first; i < Count; i++)
        {
            values[i - first] = Int64(i, field);
        }

        return values;
    }

    /// <summary><c>[1,-2,3]</c> exactly (no spaces, integers only) read by bytes; null for anything else, which the reader reads.</summary>
    private static long[]? TryPlainInt64List(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < 2 || raw[0] != (byte)'[' || raw[^1] != (byte)']')
        {
            return null;
        }

        var items = raw[1..^1];
        if (items.IsEmpty)
        {
            return [];
        }

        var values = new long[items.Count((byte)',') + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var comma = items.IndexOf((byte)',');
            var item = comma < 0 ? items : items[..comma];
            // The element was validated as JSON by the pass that found it; anything but an integer goes to the reader.
            if (!JsonValues.TryParseInt64(item, out values[i]))
            {
                return null;
            }

            items = comma < 0 ? [] : items[(comma + 1)..];
        }

        return values;
    }

    /// <summary>Reads an element that is an array of integers.</summary>
    public readonly long[] Int64Array(int index, string field)
    {
        if (!IsArray(index))
        {
            throw Error(index, $"({field}) must be an array of integers");
        }

        if (TryPlainInt64List(RawSpan(index)) is { } plain)
        {
            return plain;
        }

        // Count first, so the only allocation is the exact array (typing events carry one on every update).
        var counter = ReaderAt(index);
        var count = 0;
        while (counter.Read() && counter.TokenType != JsonTokenType.EndArray)
        {
            counter.Skip();
            count++;
        }

        var reader = ReaderAt(index);
        var values = count == 0 ? [] : new long[count];
        for (var i = 0; i < count && reader.Read(); i++)
        {
            values[i] = ObjectReader.ReadInt64(ref reader, BaseOffset(index), field);
        }

        return values;
    }
}
