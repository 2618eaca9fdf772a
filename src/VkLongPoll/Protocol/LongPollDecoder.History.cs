using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Reading <c>messages.getLongPollHistory</c> answers.</summary>
public sealed partial class LongPollDecoder
{
    /// <summary>Reads a <c>messages.getLongPollHistory</c> answer (<c>{"response": {...}}</c>, or the inner object).</summary>
    /// <remarks>
    /// History items are decoded in the <see cref="LongPollContext.History"/> context, and shortened
    /// message events are completed from <c>messages.items</c> (matched by message id, or by peer and
    /// conversation message id).
    /// </remarks>
    /// <exception cref="VkApiException">The answer is a VK API error.</exception>
    /// <exception cref="LongPollProtocolException">The input is not valid JSON or not a history answer.</exception>
    public LongPollHistory ReadHistory(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            ExpectStart(ref reader, JsonTokenType.StartObject, "a history answer must be a JSON object");
            LongPollHistory? history = null;
            var sawHistory = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("response"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new LongPollProtocolException("response must be an object", reader.TokenStartIndex);
                    }

                    history = ReadHistoryObject(ref reader, utf8Json, out sawHistory);
                }
                else if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    throw ReadApiError(ref reader, utf8Json);
                }
                else if (reader.ValueTextEquals("history"u8))
                {
                    // The inner object was given without the envelope: read it from its start.
                    reader = new Utf8JsonReader(utf8Json);
                    reader.Read();
                    history = ReadHistoryObject(ref reader, utf8Json, out sawHistory);
                    break;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            ExpectEnd(ref reader);
            return sawHistory && history is not null
                ? history
                : throw new LongPollProtocolException("a history answer has no history array", 0);
        }
        catch (JsonException e)
        {
            throw JsonValues.Invalid(e, utf8Json, 0);
        }
    }

    private LongPollHistory ReadHistoryObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out bool sawHistory)
    {
        sawHistory = false;
        LongPollEvent[] events = [];
        List<LongPollMessage> messages = [];
        int? messagesCount = null;
        long? newPts = null, fromPts = null;
        var more = false;
        LongPollServer? credentials = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("history"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new LongPollProtocolException("history must be an array", reader.TokenStartIndex);
                }

                events = ReadUpdates(ref reader, json, LongPollContext.History);
                sawHistory = true;
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                messagesCount = ReadMessages(ref reader, json, messages);
            }
            else if (reader.ValueTextEquals("new_pts"u8))
            {
                newPts = ReadNumber(ref reader, "new_pts");
            }
            else if (reader.ValueTextEquals("from_pts"u8))
            {
                fromPts = ReadNumber(ref reader, "from_pts");
            }
            else if (reader.ValueTextEquals("more"u8))
            {
                reader.Read();
                more = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False or JsonTokenType.Null => false,
                    _ => ObjectReader.ReadInt64(ref reader, 0, "more") != 0,
                };
            }
            else if (reader.ValueTextEquals("credentials"u8))
            {
                reader.Read();
                credentials = ReadCredentials(ref reader, json);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new LongPollHistory
        {
            Events = HistoryCompletion.Complete(events, messages),
            Messages = messages,
            MessagesCount = messagesCount,
            NewPts = newPts,
            FromPts = fromPts,
            More = more,
            Credentials = credentials,
        };
    }

    /// <summary><c>messages</c>: <c>{"count": N, "items": [...]}</c> (very old API versions: an array led by the count).</summary>
    private static int? ReadMessages(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<LongPollMessage> into)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            ReadMessageItems(ref reader, json, into);
            return into.Count;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LongPollProtocolException("messages must be an object", reader.TokenStartIndex);
        }

        int? count = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("count"u8))
            {
                var offset = reader.BytesConsumed;
                count = JsonValues.ToInt32(ReadNumber(ref reader, "messages.count"), offset, "messages.count");
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new LongPollProtocolException("messages.items must be an array", reader.TokenStartIndex);
                }

                ReadMessageItems(ref reader, json, into);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return count;
    }

    private static void ReadMessageItems(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<LongPollMessage> into)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // The count that led the array in very old API versions.
                reader.Skip();
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            into.Add(ReadHistoryMessage(json[start..(int)reader.BytesConsumed], start));
        }
    }

    /// <summary>One API message object, complete: attachments, action, reply and forwards as live messages have them.</summary>
    private static LongPollMessage ReadHistoryMessage(ReadOnlySpan<byte> json, long offset)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        return ApiObjectReader.Message(document.RootElement, offset);
    }

    private static LongPollServer? ReadCredentials(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var fields = new ObjectReader(json[start..(int)reader.BytesConsumed], start, "credentials");
        string? server = null, key = null;
        long? ts = null, pts = null;
        while (fields.NextProperty())
        {
            if (fields.NameIs("server"u8)) server = fields.String("server");
            else if (fields.NameIs("key"u8)) key = fields.String("key");
            else if (fields.NameIs("ts"u8)) ts = fields.Int64("ts");
            else if (fields.NameIs("pts"u8)) pts = fields.Int64("pts");
            else fields.SkipValue();
        }

        return server is null || key is null || ts is null
            ? throw new LongPollProtocolException("credentials need server, key and ts", start)
            : new LongPollServer(server, key, ts.Value, pts);
    }

    private static VkApiException ReadApiError(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var fields = new ObjectReader(json[start..(int)reader.BytesConsumed], start, "error");
        long? code = null;
        string? message = null;
        while (fields.NextProperty())
        {
            if (fields.NameIs("error_code"u8)) code = fields.Int64("error_code");
            else if (fields.NameIs("error_msg"u8)) message = fields.String("error_msg");
            else fields.SkipValue();
        }

        return new VkApiException(JsonValues.ToInt32(code, start, "error_code") ?? 0, message ?? "(no message)");
    }
}
