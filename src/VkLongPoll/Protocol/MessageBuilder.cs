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

    /// <summary>Everything read so far; emptied by assigning <c>default</c>, so a field added here can never be left over from the last message.</summary>
    public MessageFields Fields;

    /// <summary>Attachments read so far (the list is kept between messages to spare its allocation).</summary>
    public List<AttachmentBuilder>? Attachments;

    private void Reset()
    {
        Fields = default;
        Attachments?.Clear();
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
            : (Fields.Flags & MessageFlags.Outbox) != 0 || (options.SelfUserId is { } self && Fields.PeerId?.Value == self);
        var fromId = Fields.From ?? outgoing switch
        {
            true => options.SelfUserId,
            false when Fields.PeerId is { IsChat: false } peer => peer.Value,
            _ => null,
        };

        return new LongPollMessage
        {
            MessageId = Fields.MessageId,
            ConversationMessageId = Fields.ConversationMessageId,
            MinorId = Fields.MinorId,
            Flags = Fields.Flags,
            PeerId = Fields.PeerId,
            FromId = fromId,
            IsOutgoing = outgoing,
            Timestamp = Fields.Timestamp,
            TextValue = Fields.Text,
            RandomId = Fields.RandomId,
            UpdateTime = Fields.UpdateTime,
            IsComplete = Fields.IsComplete,
            Action = Fields.Action?.Build(),
            Attachments = BuildAttachments(),
            Forwards = Fields.Forwards,
            ReplyToConversationMessageId = Fields.ReplyTo,
            Geo = Fields.Geo is null ? null : new MessageGeo(Fields.Geo, Fields.GeoProvider),
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
        var withUrls = Fields.AttachmentsJson is { } kludge ? FromKludge(kludge) : null;
        foreach (var attachment in Attachments)
        {
            // A stray attach{i}_kind without attach{i} and attach{i}_type is not an attachment.
            if (attachment.Build() is { } item)
            {
                // Stickers and voice messages: the kludge's API objects give what the bare keys lack (URL, access key).
                built.Add(withUrls?.FirstOrDefault(api => api.Type == item.Type && api.Kind == item.Kind && api.Id == item.Id) is { } api
                    ? item with { Url = api.Url, AccessKey = api.AccessKey, Title = api.Title }
                    : item);
            }
        }

        return [.. built];
    }

    /// <summary>The <c>attachments</c> kludge (a JSON string of API objects); nothing when it is not readable JSON (it stays in the extras as sent).</summary>
    private static MessageAttachment[]? FromKludge(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return ApiObjectReader.Attachments(document.RootElement);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private MessageExtras BuildExtras()
    {
        if (Fields.Title is null && !Fields.HasEmoji && Fields.FromAdminId is null && !Fields.HasTemplate && Fields.KeyboardJson is null && Fields.Payload is null
            && Fields.MarkedUsers is null && Fields.Mentions is null && Fields.ExpireTtl is null && Fields.Ttl is null && !Fields.IsExpired && !Fields.IsTranslated
            && !Fields.IsSilent && Fields.PinnedAt is null && !Fields.IsCropped && Fields.RefSource is null && Fields.AttachmentsCount is null && Fields.AttachmentsJson is null
            && Fields.Other is null)
        {
            return MessageExtras.Empty;
        }

        return new MessageExtras
        {
            Title = Fields.Title,
            HasEmoji = Fields.HasEmoji,
            FromAdminId = Fields.FromAdminId,
            HasTemplate = Fields.HasTemplate,
            KeyboardJson = Fields.KeyboardJson,
            Payload = Fields.Payload,
            MarkedUsers = Fields.MarkedUsers ?? (IReadOnlyList<MessageMark>)[],
            Mentions = Fields.Mentions ?? [],
            ExpireTtl = Fields.ExpireTtl,
            Ttl = Fields.Ttl,
            IsExpired = Fields.IsExpired,
            IsTranslated = Fields.IsTranslated,
            IsSilent = Fields.IsSilent,
            PinnedAt = Fields.PinnedAt,
            IsCropped = Fields.IsCropped,
            RefSource = Fields.RefSource,
            AttachmentsCount = Fields.AttachmentsCount,
            AttachmentsJson = Fields.AttachmentsJson,
            Other = Fields.Other,
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
