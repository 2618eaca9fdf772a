using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>What one message tuple and its two objects say, as they are read: a struct, so a new message starts from <c>default</c> and nothing of the last one can leak in.</summary>
internal struct MessageFields
{
    public long? MessageId;
    public long? ConversationMessageId;
    public long? MinorId;
    public MessageFlags Flags;
    public PeerId? PeerId;
    public long? Timestamp;
    public MessageText? Text;
    public long? RandomId;
    public long? UpdateTime;
    public bool IsComplete;

    // Additional object.
    public long? From;
    public string? Title;
    public bool HasEmoji;
    public long? FromAdminId;
    public bool HasTemplate;
    public string? KeyboardJson;
    public string? Payload;
    public List<MessageMark>? MarkedUsers;
    public long[]? Mentions;
    public long? ExpireTtl;
    public long? Ttl;
    public bool IsExpired;
    public bool IsTranslated;
    public bool IsSilent;
    public long? PinnedAt;
    public bool IsCropped;
    public string? RefSource;
    public ServiceActionBuilder? Action;

    // Attachments object.
    public string? Forwards;
    public long? ReplyTo;
    public string? Geo;
    public string? GeoProvider;
    public int? AttachmentsCount;
    public string? AttachmentsJson;
    public Dictionary<string, string>? Other;
}
