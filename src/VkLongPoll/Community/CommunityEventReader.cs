using System.Text.Json;

namespace VkLongPoll.Community;

/// <summary>Reads community events (Bots Long Poll <c>updates</c>, Callback API bodies) into typed <see cref="CommunityEvent"/> records.</summary>
/// <remarks>
/// One event is one JSON object <c>{"type", "event_id", "group_id", "v", "object"}</c>. A known type becomes its record; an unknown
/// type, or a known one whose object does not read (a field of the wrong kind, a missing id), becomes an
/// <see cref="UnknownCommunityEvent"/> with the object kept raw, so nothing a community receives is lost to a decoding problem.
/// Off the User Long Poll's hot path, so a DOM is fine here.
/// </remarks>
public static partial class CommunityEventReader
{
    /// <summary>One event: an element of <c>updates</c>, or a Callback API body.</summary>
    /// <exception cref="LongPollProtocolException"><paramref name="update"/> is not an object or has no string <c>type</c>.</exception>
    public static CommunityEvent Read(JsonElement update)
    {
        if (update.ValueKind != JsonValueKind.Object)
        {
            throw new LongPollProtocolException("a community event must be a JSON object", 0);
        }

        if (!update.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new LongPollProtocolException("a community event must have a string \"type\"", 0);
        }

        string typeName;
        try
        {
            typeName = type.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // A "type" that is not valid UTF-8 names no event this library or VK knows.
            throw new LongPollProtocolException("a community event's \"type\" is not valid text", 0, e);
        }

        var hasObject = update.TryGetProperty("object", out var body);
        // The raw text exactly as received: the fields no record types are still there for whoever needs them.
        var raw = hasObject ? body.GetRawText() : "{}";
        CommunityEvent read;
        try
        {
            read = Decode(typeName, hasObject ? body : default) ?? new UnknownCommunityEvent(typeName);
        }
        catch (Exception e) when (e is CommunityDecodeException or LongPollProtocolException or InvalidOperationException)
        {
            // A field of the wrong kind in this event only (InvalidOperationException: a string that is not valid UTF-8):
            // it is kept raw, the events around it are read as usual.
            read = new UnknownCommunityEvent(typeName) { DecodeError = $"{typeName}: {e.Message}" };
        }

        var (eventId, groupId, version, envelopeError) = Envelope(update);
        if (envelopeError is not null)
        {
            // An envelope that does not read cannot be trusted for its type's fields either (nor deduplicated by its id).
            read = read is UnknownCommunityEvent { DecodeError: not null } kept
                ? kept
                : new UnknownCommunityEvent(typeName) { DecodeError = $"{typeName}: {envelopeError}" };
        }

        return read with { EventId = eventId, GroupId = groupId, ApiVersion = version, Object = raw };
    }

    /// <summary>One event from its UTF-8 JSON: one element of <c>updates</c>, or the body of a Callback API request.</summary>
    /// <exception cref="LongPollProtocolException">The input is not JSON, not an object, or has no string <c>type</c>.</exception>
    public static CommunityEvent Read(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw LongPollProtocolException.FromJson(e, utf8Json);
        }

        // The event keeps strings only, never the document's elements: disposing it here is safe.
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>A message's forwards nest up to 45 levels, two JSON levels each: deeper than the default limit of 64.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Every event of a Bots Long Poll answer's <c>updates</c> array, in order.</summary>
    /// <remarks>
    /// One bad element never drops the others: an element that is not an event object at all (no string <c>type</c>) becomes an
    /// <see cref="UnknownCommunityEvent"/> named <c>unknown</c> with its raw JSON in <see cref="CommunityEvent.Object"/>.
    /// </remarks>
    /// <exception cref="LongPollProtocolException"><paramref name="updates"/> is not an array.</exception>
    public static IReadOnlyList<CommunityEvent> ReadUpdates(JsonElement updates)
    {
        if (updates.ValueKind != JsonValueKind.Array)
        {
            throw new LongPollProtocolException("\"updates\" must be a JSON array", 0);
        }

        var events = new List<CommunityEvent>(updates.GetArrayLength());
        foreach (var update in updates.EnumerateArray())
        {
            try
            {
                events.Add(Read(update));
            }
            catch (LongPollProtocolException e)
            {
                events.Add(new UnknownCommunityEvent("unknown") { DecodeError = e.Message, Object = update.GetRawText() });
            }
        }

        return events;
    }

    /// <summary>The envelope's <c>event_id</c>, <c>group_id</c> and <c>v</c>; a value of the wrong kind is reported, not guessed.</summary>
    private static (string EventId, long GroupId, string? Version, string? Error) Envelope(JsonElement update)
    {
        string? error = null;
        var eventId = "";
        long groupId = 0;
        string? version = null;
        if (update.TryGetProperty("event_id", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (id.ValueKind == JsonValueKind.String && TryGetString(id, out var text))
            {
                eventId = text;
            }
            else
            {
                error = "\"event_id\" must be a string";
            }
        }

        if (update.TryGetProperty("group_id", out var group) && group.ValueKind != JsonValueKind.Null)
        {
            if (group.ValueKind == JsonValueKind.Number && group.TryGetInt64(out var number))
            {
                groupId = number;
            }
            else
            {
                error = "\"group_id\" must be an integer";
            }
        }

        if (update.TryGetProperty("v", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            if (v.ValueKind == JsonValueKind.String && TryGetString(v, out var text))
            {
                version = text;
            }
            else
            {
                error = "\"v\" must be a string";
            }
        }

        return (eventId, groupId, version, error);
    }

    private static bool TryGetString(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // Not valid UTF-8 (a lone surrogate escape): not an id anyone can match.
            text = "";
            return false;
        }
    }
}
