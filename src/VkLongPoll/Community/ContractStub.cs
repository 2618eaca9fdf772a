// TEMPORARY: the contract of helper B's community events; replaced at merge.
#pragma warning disable CA1720, CA1711
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary>Stub.</summary>
public abstract record CommunityEvent : LongPollEvent
{
    /// <summary>Stub.</summary>
    protected CommunityEvent() : base(0) { }
    /// <summary>Stub.</summary>
    public string EventId { get; init; } = "";
    /// <summary>Stub.</summary>
    public long GroupId { get; init; }
    /// <summary>Stub.</summary>
    public string? ApiVersion { get; init; }
    /// <summary>Stub.</summary>
    public string Object { get; init; } = "{}";
}

/// <summary>Stub.</summary>
public sealed record UnknownCommunityEvent(string TypeName) : CommunityEvent
{
    /// <summary>Stub.</summary>
    public override string Type => TypeName;
}

/// <summary>Stub.</summary>
public sealed record CommunityMessageNew(LongPollMessage Message) : CommunityEvent
{
    /// <summary>Stub.</summary>
    public override string Type => "message_new";
}

/// <summary>Stub.</summary>
public sealed record CommunityMessageReply(LongPollMessage Message) : CommunityEvent
{
    /// <summary>Stub.</summary>
    public override string Type => "message_reply";
}

/// <summary>Stub.</summary>
public sealed record CommunityMessageEdit(LongPollMessage Message) : CommunityEvent
{
    /// <summary>Stub.</summary>
    public override string Type => "message_edit";
}

/// <summary>Stub.</summary>
public static class CommunityEventReader
{
    /// <summary>Stub.</summary>
    public static CommunityEvent Read(JsonElement update)
    {
        var type = update.GetProperty("type").GetString()!;
        var obj = update.TryGetProperty("object", out var o) ? o : default;
        CommunityEvent e = type switch
        {
            "message_new" => new CommunityMessageNew(ApiObjectReader.Message(obj.TryGetProperty("message", out var m) ? m : obj, 0)),
            "message_reply" => new CommunityMessageReply(ApiObjectReader.Message(obj, 0)),
            "message_edit" => new CommunityMessageEdit(ApiObjectReader.Message(obj, 0)),
            _ => new UnknownCommunityEvent(type),
        };
        return e with
        {
            EventId = update.TryGetProperty("event_id", out var id) ? id.GetString() ?? "" : "",
            GroupId = update.TryGetProperty("group_id", out var g) ? g.GetInt64() : 0,
            ApiVersion = update.TryGetProperty("v", out var v) ? v.GetString() : null,
            Object = obj.ValueKind == JsonValueKind.Undefined ? "{}" : obj.GetRawText(),
        };
    }

    /// <summary>Stub.</summary>
    public static CommunityEvent Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        return Read(document.RootElement);
    }

    /// <summary>Stub.</summary>
    public static IReadOnlyList<CommunityEvent> ReadUpdates(JsonElement updates) => [.. updates.EnumerateArray().Select(Read)];
}
