namespace VkLongPoll.Testing.Model;

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

    /// <summary>(cmid, id) of incoming and outgoing messages in order, so counters need no scan of all messages.</summary>
    public List<(long Cmid, long Id)> Incoming { get; } = [];

    public List<(long Cmid, long Id)> Outgoing { get; } = [];

    /// <summary>Messages with a conversation message id above <paramref name="readUpTo"/> (the list is in cmid order).</summary>
    public static int CountAfter(List<(long Cmid, long Id)> messages, long readUpTo)
    {
        int low = 0, high = messages.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (messages[middle].Cmid <= readUpTo)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return messages.Count - low;
    }

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
