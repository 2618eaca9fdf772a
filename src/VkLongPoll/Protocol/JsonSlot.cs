using System.Text.Json;

namespace VkLongPoll.Protocol;

/// <summary>Where one element of an update array lies in the input, found by a single reader pass.</summary>
/// <param name="Type">The first token of the element.</param>
/// <param name="Start">Offset of the element's first byte (the quote of a string).</param>
/// <param name="End">Offset just past the element.</param>
/// <param name="IsEscaped">A string with JSON escapes (needs the slow unescaping path).</param>
/// <param name="IsInteger">A number token that is a whole Int64; its value is <paramref name="Integer"/>.</param>
/// <param name="Integer">The number's value, parsed in the same pass (most elements are numbers).</param>
internal readonly record struct JsonSlot(JsonTokenType Type, int Start, int End, bool IsEscaped, bool IsInteger = false, long Integer = 0);

/// <summary>A growable, reusable list of slots (one per decoder call, not per update).</summary>
internal sealed class JsonSlotList
{
    [ThreadStatic]
    private static JsonSlotList? t_current;

    private JsonSlot[] _items = new JsonSlot[16];

    public int Count { get; private set; }

    /// <summary>The thread's list, emptied (one update is decoded at a time on a thread).</summary>
    public static JsonSlotList ForThread()
    {
        var list = t_current ??= new JsonSlotList();
        list.Clear();
        return list;
    }

    public ReadOnlySpan<JsonSlot> Span => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(in JsonSlot slot)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = slot;
    }

    /// <summary>Reads the elements of the array the reader stands on (at its StartArray) into the list.</summary>
    public void CollectArray(ref Utf8JsonReader reader)
    {
        Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var type = reader.TokenType;
            var start = (int)reader.TokenStartIndex;
            switch (type)
            {
                case JsonTokenType.Number:
                    var isInteger = JsonValues.TryParseInt64(reader.ValueSpan, out var integer);
                    Add(new JsonSlot(type, start, (int)reader.BytesConsumed, false, isInteger, integer));
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    break;
            }

            Add(new JsonSlot(type, start, (int)reader.BytesConsumed, type == JsonTokenType.String && reader.ValueIsEscaped));
        }
    }
}
