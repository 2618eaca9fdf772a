namespace VkLongPoll.Emulator.Model;

/// <summary>One dialog or chat of an account: ids, read marks, flags.</summary>
internal sealed class Conversation(long peerId)
{
    public long PeerId { get; } = peerId;

    public long LastConversationMessageId { get; set; }

    public long LastMessageId { get; set; }

    /// <summary>Conversation message id up to which you have read incoming messages.</summary>
    public long InRead { get; set; }

    /// <summary>Conversation message id up to which the other side has read yours.</summary>
    public long OutRead { get; set; }

    public long Flags { get; set; }

    public long DisabledUntil { get; set; }
}

/// <summary>A group chat.</summary>
internal sealed class EmulatedChat
{
    public required long Id { get; init; }

    public required string Title { get; set; }

    public required long AdminId { get; init; }

    public List<long> Members { get; } = [];

    public string? Photo { get; set; }

    public long PinnedConversationMessageId { get; set; }

    public long PeerId => 2_000_000_000 + Id;
}
