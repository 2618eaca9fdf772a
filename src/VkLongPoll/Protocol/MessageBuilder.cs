using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Collects what a message tuple and its two objects say, then builds the immutable message.</summary>
internal sealed class MessageBuilder
{
    // One builder per thread: decoding is synchronous and never nests message tuples, and Build copies
    // everything into immutable records, so the builder's ~40 fields are not allocated per message.
    [ThreadStatic]
    private static MessageBuilder? t_current;

    /// <summary>The thread's builder, emptied.</summary>
    public static MessageBuilder Rent()
    {
        var builder = t_current ??= new MessageBuilder();
        builder.Reset();
        return builder;
    }

    public long? MessageId;
    public long? ConversationMessageId;
    public long? MinorId;
    public MessageFlags Flags;
    public PeerId? PeerId;
    public long? Timestamp;
    public string? Text;
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
    public string? RefSource;
    public ServiceActionBuilder? Action;

    // Attachments object.
    public List<AttachmentBuilder>? Attachments;
    public string? Forwards;
    public long? ReplyTo;
    public string? Geo;
    public string? GeoProvider;
    public int? AttachmentsCount;
    public string? AttachmentsJson;
    public Dictionary<string, string>? Other;

    private void Reset()
    {
        MessageId = default;
        ConversationMessageId = default;
        MinorId = default;
        Flags = default;
        PeerId = default;
        Timestamp = default;
        Text = default;
        RandomId = default;
        UpdateTime = default;
        IsComplete = default;
        From = default;
        Title = default;
        HasEmoji = default;
        FromAdminId = default;
        HasTemplate = default;
        KeyboardJson = default;
        Payload = default;
        MarkedUsers = default;
        Mentions = default;
        ExpireTtl = default;
        Ttl = default;
        IsExpired = default;
        IsTranslated = default;
        IsSilent = default;
        PinnedAt = default;
        RefSource = default;
        Action = default;
        Attachments?.Clear();
        Forwards = default;
        ReplyTo = default;
        Geo = default;
        GeoProvider = default;
        AttachmentsCount = default;
        AttachmentsJson = default;
        Other = default;
    }

    public AttachmentBuilder Attachment(int index)
    {
        Attachments ??= new List<AttachmentBuilder>(2);
        foreach (var existing in Attachments)
        {
            if (existing.Index == index)
            {
                return existing;
            }
        }

        var created = new AttachmentBuilder(index);
        Attachments.Add(created);
        return created;
    }

    /// <summary>Builds the message; <paramref name="flagsAreMask"/> when the flags element is a mask (2, 3).</summary>
    public LongPollMessage Build(LongPollDecoderOptions options, bool flagsAreMask)
    {
        bool? outgoing = flagsAreMask
            ? null
            : (Flags & MessageFlags.Outbox) != 0 || (options.SelfUserId is { } self && PeerId?.Value == self);
        var fromId = From ?? outgoing switch
        {
            true => options.SelfUserId,
            false when PeerId is { IsChat: false } peer => peer.Value,
            _ => null,
        };

        return new LongPollMessage
        {
            MessageId = MessageId,
            ConversationMessageId = ConversationMessageId,
            MinorId = MinorId,
            Flags = Flags,
            PeerId = PeerId,
            FromId = fromId,
            IsOutgoing = outgoing,
            Timestamp = Timestamp,
            Text = Text,
            RandomId = RandomId,
            UpdateTime = UpdateTime,
            IsComplete = IsComplete,
            Action = Action?.Build(),
            Attachments = BuildAttachments(),
            Forwards = Forwards,
            ReplyToConversationMessageId = ReplyTo,
            Geo = Geo is null ? null : new MessageGeo(Geo, GeoProvider),
            Extras = BuildExtras(),
        };
    }

    private MessageAttachment[] BuildAttachments()
    {
        if (Attachments is not { Count: > 0 })
        {
            return [];
        }

        Attachments.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        var built = new List<MessageAttachment>(Attachments.Count);
        foreach (var attachment in Attachments)
        {
            // A stray attach{i}_kind without attach{i} and attach{i}_type is not an attachment.
            if (attachment.Build() is { } item)
            {
                built.Add(item);
            }
        }

        return [.. built];
    }

    private MessageExtras BuildExtras()
    {
        if (Title is null && !HasEmoji && FromAdminId is null && !HasTemplate && KeyboardJson is null && Payload is null
            && MarkedUsers is null && Mentions is null && ExpireTtl is null && Ttl is null && !IsExpired && !IsTranslated
            && !IsSilent && PinnedAt is null && RefSource is null && AttachmentsCount is null && AttachmentsJson is null
            && Other is null)
        {
            return MessageExtras.Empty;
        }

        return new MessageExtras
        {
            Title = Title,
            HasEmoji = HasEmoji,
            FromAdminId = FromAdminId,
            HasTemplate = HasTemplate,
            KeyboardJson = KeyboardJson,
            Payload = Payload,
            MarkedUsers = MarkedUsers ?? (IReadOnlyList<MessageMark>)[],
            Mentions = Mentions ?? [],
            ExpireTtl = ExpireTtl,
            Ttl = Ttl,
            IsExpired = IsExpired,
            IsTranslated = IsTranslated,
            IsSilent = IsSilent,
            PinnedAt = PinnedAt,
            RefSource = RefSource,
            AttachmentsCount = AttachmentsCount,
            AttachmentsJson = AttachmentsJson,
            Other = Other,
        };
    }
}

/// <summary>Collects the <c>source_*</c> keys of a service message.</summary>
internal sealed class ServiceActionBuilder
{
    public string? Type;
    public long? MemberId;
    public string? Text;
    public string? OldText;
    public string? Message;
    public long? ConversationMessageId;
    public string? Style;
    public bool IsChannel;

    public ServiceAction? Build() => Type is null
        ? null
        : new ServiceAction
        {
            Type = Type,
            MemberId = MemberId,
            Text = Text,
            OldText = OldText,
            Message = Message,
            ConversationMessageId = ConversationMessageId,
            Style = Style,
            IsChannel = IsChannel,
        };
}

/// <summary>Collects the <c>attach{i}*</c> keys of one attachment.</summary>
internal sealed class AttachmentBuilder(int index)
{
    public int Index { get; } = index;

    public string? Type;
    public string? Id;
    public string? Kind;
    public long? ProductId;
    public string? Url;
    public string? Title;
    public string? Description;
    public string? Photo;
    public string? Amount;
    public string? Currency;
    public Dictionary<string, string>? Other;

    public MessageAttachment? Build() => Type is null && Id is null
        ? null
        : new MessageAttachment
        {
            Index = Index,
            Type = Type ?? string.Empty,
            Id = Id ?? string.Empty,
            Kind = Kind,
            ProductId = ProductId,
            Link = Url is null && Title is null && Description is null && Photo is null ? null : new LinkSnippet(Url, Title, Description, Photo),
            Amount = Amount,
            Currency = Currency,
            Other = Other,
        };
}
