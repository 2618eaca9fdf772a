using System.Collections.Concurrent;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>
/// Messages seen (live or recovered), kept so that what VK does not say again can be told: the text an edit replaced,
/// what a deletion removed. VK's deletion events carry only ids, and edits only the new text.
/// </summary>
public interface IMessageStore
{
    /// <summary>Keeps complete messages (replacing what was kept under the same id); incomplete ones are ignored.</summary>
    ValueTask SaveAsync(IReadOnlyList<LongPollMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>The message kept under its global id, or null.</summary>
    ValueTask<LongPollMessage?> FindByIdAsync(long messageId, CancellationToken cancellationToken = default);

    /// <summary>The message kept for a conversation and its id there (version 19's events name messages so), or null.</summary>
    ValueTask<LongPollMessage?> FindInConversationAsync(PeerId peerId, long conversationMessageId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the message (by its global id, and by its conversation and id there): what its author deleted for everyone is not kept.</summary>
    ValueTask ForgetAsync(LongPollMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Messages in memory, the newest <see cref="Capacity"/> of them: for tests, demos and processes that forget on exit anyway.</summary>
public sealed class InMemoryMessageStore(int capacity = 10_000) : IMessageStore
{
    private readonly ConcurrentDictionary<long, LongPollMessage> _byId = new();
    private readonly ConcurrentDictionary<(long Peer, long Cmid), LongPollMessage> _byConversation = new();
    private readonly ConcurrentQueue<LongPollMessage> _order = new();

    /// <summary>How many messages are kept at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <inheritdoc/>
    public ValueTask SaveAsync(IReadOnlyList<LongPollMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages.Where(m => m.IsComplete))
        {
            // Community chats' messages may all have the id 0 (vk-api-schema#40): they go by (peer, cmid) only.
            if (message.MessageId is > 0 and { } id)
            {
                _byId[id] = message;
            }

            if (message.PeerId is { } peer && message.ConversationMessageId is { } cmid)
            {
                _byConversation[(peer.Value, cmid)] = message;
            }

            _order.Enqueue(message);
        }

        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            if (oldest.MessageId is { } id && _byId.TryGetValue(id, out var kept) && ReferenceEquals(kept, oldest))
            {
                _byId.TryRemove(id, out _);
            }

            if (oldest.PeerId is { } peer && oldest.ConversationMessageId is { } cmid && _byConversation.TryGetValue((peer.Value, cmid), out var current) && ReferenceEquals(current, oldest))
            {
                _byConversation.TryRemove((peer.Value, cmid), out _);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<LongPollMessage?> FindByIdAsync(long messageId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(messageId > 0 ? _byId.GetValueOrDefault(messageId) : null);

    /// <inheritdoc/>
    public ValueTask<LongPollMessage?> FindInConversationAsync(PeerId peerId, long conversationMessageId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_byConversation.GetValueOrDefault((peerId.Value, conversationMessageId)));

    /// <inheritdoc/>
    public ValueTask ForgetAsync(LongPollMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);

        // The message as kept (an event may name it by one id only), then each id it is kept under.
        LongPollMessage? kept = null;
        if (message.MessageId is > 0 and { } id)
        {
            _byId.TryRemove(id, out kept);
        }

        if (message.PeerId is { } peer && message.ConversationMessageId is { } cmid && _byConversation.TryRemove((peer.Value, cmid), out var inConversation))
        {
            kept ??= inConversation;
        }

        if (kept?.MessageId is > 0 and { } keptId)
        {
            _byId.TryRemove(keptId, out _);
        }

        if (kept is { PeerId: { } keptPeer, ConversationMessageId: { } keptCmid })
        {
            _byConversation.TryRemove((keptPeer.Value, keptCmid), out _);
        }

        return ValueTask.CompletedTask;
    }
}
