using System.Text.Json.Serialization;

namespace VkLongPoll.Testing.Control;

/// <summary>The body of every control request; each action reads the fields it needs (see docs/emulator.md).</summary>
internal sealed class ControlRequest
{
    public string? Token { get; set; }

    public long? PeerId { get; set; }

    public long? FromId { get; set; }

    public long? UserId { get; set; }

    public long? ChatId { get; set; }

    public long? MessageId { get; set; }

    public long? ConversationMessageId { get; set; }

    public string? Text { get; set; }

    public string? Title { get; set; }

    public List<ControlAttachment>? Attachments { get; set; }

    public long? ReplyTo { get; set; }

    public long? RandomId { get; set; }

    public bool ForAll { get; set; }

    public long? Set { get; set; }

    public long? Reset { get; set; }

    public string? Direction { get; set; }

    public string? Activity { get; set; }

    public int? Platform { get; set; }

    public bool Timeout { get; set; }

    public long? DisabledUntil { get; set; }

    public List<long>? MemberIds { get; set; }

    public string? Fault { get; set; }

    public List<string>? Kinds { get; set; }

    public int? Count { get; set; }

    /// <summary><c>token</c>: whether the new token may call <c>messages.*</c> (default true).</summary>
    public bool? Messages { get; set; }

    /// <summary><c>token</c>: seconds until it expires (default: never).</summary>
    public int? LifetimeSeconds { get; set; }

    /// <summary><c>api_faults</c>: only calls of this method fail.</summary>
    public string? Method { get; set; }

    /// <summary><c>api_faults</c> with 14: the captcha in its older form (no <c>redirect_uri</c>).</summary>
    public bool Legacy { get; set; }

    public double? Rate { get; set; }

    public int? Seed { get; set; }

    public int? Events { get; set; }

    public int? ErrorCode { get; set; }

    /// <summary><c>react</c>: the reaction (VK numbers them from 1).</summary>
    public int? ReactionId { get; set; }

    /// <summary><c>vkid_faults</c>: the HTTP status VK ID's failing calls answer (default 502).</summary>
    public int? Status { get; set; }

    /// <summary><c>community_*</c>: the community, as an index into the emulator's communities (default 0).</summary>
    public int? Community { get; set; }

    /// <summary><c>community_message</c>: written in the community's chat (id 0 in the API) instead of a dialog.</summary>
    public bool InChat { get; set; }

    /// <summary><c>community_callback</c>: the receiver's URL.</summary>
    public string? Url { get; set; }

    /// <summary><c>community_callback</c>: the secret the sender puts in every body.</summary>
    public string? Secret { get; set; }

    /// <summary><c>community_event</c>: the VK event type to make happen.</summary>
    public string? Type { get; set; }
}

/// <summary>An attachment in a control request: <c>{"type":"photo","owner_id":1,"id":2}</c>; stickers give <c>id</c> and <c>product_id</c>.</summary>
internal sealed class ControlAttachment
{
    public string Type { get; set; } = "photo";

    public long OwnerId { get; set; }

    public long Id { get; set; }

    public long? ProductId { get; set; }

    public string? Url { get; set; }

    public string? Title { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(ControlRequest))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
