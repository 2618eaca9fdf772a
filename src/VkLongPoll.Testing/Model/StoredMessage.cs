namespace VkLongPoll.Testing.Model;

/// <summary>A message as the emulated server stores it. Immutable: a change stores a new copy, so events keep their snapshot.</summary>
internal sealed record StoredMessage
{
    public required long Id { get; init; }

    public required long ConversationMessageId { get; init; }

    public required long PeerId { get; init; }

    public required long FromId { get; init; }

    public required bool Out { get; init; }

    public required long Date { get; init; }

    /// <summary>Plain text (the wire encoder escapes it the way VK does).</summary>
    public required string Text { get; init; }

    public long RandomId { get; init; }

    public long UpdateTime { get; init; }

    /// <summary>Current message flags (VK's bits: 1 unread, 2 outbox, 8 important, 64 spam, 128 deleted, 131072 deleted for all…).</summary>
    public long Flags { get; init; }

    public IReadOnlyList<StoredAttachment> Attachments { get; init; } = [];

    public long? ReplyToConversationMessageId { get; init; }

    public bool HasForwards { get; init; }

    /// <summary>A service action (<c>source_act</c>) and its fields.</summary>
    public ServiceActionData? Action { get; init; }
}

/// <summary>An attachment in the model: the API type and ids; the encoder maps it to the Long Poll keys.</summary>
/// <param name="Type">photo, video, audio, doc, audio_message, graffiti, sticker, link, wall, geo.</param>
/// <param name="OwnerId">Owner of the item (0 for stickers).</param>
/// <param name="ItemId">The item (sticker id for stickers).</param>
internal sealed record StoredAttachment(string Type, long OwnerId, long ItemId)
{
    public long? ProductId { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }
}

/// <summary>A service message's action.</summary>
internal sealed record ServiceActionData(string Type)
{
    public long? MemberId { get; init; }

    public string? Text { get; init; }

    public string? OldText { get; init; }

    public string? Message { get; init; }

    public long? ConversationMessageId { get; init; }
}
