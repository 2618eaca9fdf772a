using System.Text.Json;
using VkLongPoll.Protocol.FastPath;

namespace VkLongPoll;

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

    /// <summary>
    /// The message builder that already holds the additional and attachments objects of this update,
    /// read in the same pass (null when the update has none to read).
    /// </summary>
    public MessageBuilder? Kludges { get; private set; }

    /// <summary>What was wrong with those objects, raised when the event is decoded (so the error order stays as written).</summary>
    public LongPollProtocolException? KludgesError { get; private set; }

    /// <summary>Reads the elements of the array the reader stands on (at its StartArray) into the list.</summary>
    /// <remarks>
    /// A message's additional and attachments objects are read into the thread's <see cref="MessageBuilder"/>
    /// right here, with the same reader, instead of being skipped now and read again by the decoder:
    /// they are most of a chat message's tokens.
    /// </remarks>
    public void CollectArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        StartUpdate();
        var textIndex = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var type = reader.TokenType;
            var start = (int)reader.TokenStartIndex;
            switch (type)
            {
                case JsonTokenType.Number:
                    var isInteger = JsonValues.TryParseInt64(reader.ValueSpan, out var integer);
                    if (Count == 0 && isInteger)
                    {
                        textIndex = EventDecoder.MessageTextIndex(integer);
                    }

                    Add(new JsonSlot(type, start, (int)reader.BytesConsumed, false, isInteger, integer));
                    continue;
                case JsonTokenType.StartObject when textIndex > 0 && IsMessageObject(textIndex):
                    ReadKludges(ref reader, json);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    reader.Skip();
                    break;
            }

            Add(new JsonSlot(type, start, (int)reader.BytesConsumed, type == JsonTokenType.String && reader.ValueIsEscaped));
        }
    }

    /// <summary>Empties the list for an update read by <see cref="AnswerScanner"/>.</summary>
    public void StartUpdate()
    {
        Clear();
        Kludges = null;
        KludgesError = null;
    }

    /// <summary>The thread's message builder, emptied on first use in this update, to read the message objects into.</summary>
    public MessageBuilder KludgesBuilder() => Kludges ??= MessageBuilder.Rent();

    /// <summary>The objects the decoder reads as a message's: one or two right after a string text.</summary>
    public bool IsMessageObject(int textIndex) =>
        Count > textIndex && Count <= textIndex + 2 && _items[textIndex].Type == JsonTokenType.String
        && (Count == textIndex + 1 || _items[textIndex + 1].Type == JsonTokenType.StartObject);

    private void ReadKludges(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var builder = KludgesBuilder();
        var atStart = reader; // a struct copy: where to skip from if the object's content is wrong
        try
        {
            KludgesReader.Read(ref reader, json, 0, builder);
        }
        catch (LongPollProtocolException e)
        {
            KludgesError ??= e;
            reader = atStart;
            reader.Skip();
        }
    }
}
