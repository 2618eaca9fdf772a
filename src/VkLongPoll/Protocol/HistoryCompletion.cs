using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Completes shortened history message events from the API message objects that came with them.</summary>
internal static class HistoryCompletion
{
    /// <summary>Replaces, in place, the shortened message events that <paramref name="messages"/> can complete.</summary>
    public static LongPollEvent[] Complete(LongPollEvent[] events, List<HistoryMessage> messages)
    {
        if (messages.Count == 0)
        {
            return events;
        }

        var byId = new Dictionary<long, HistoryMessage>(messages.Count);
        var byConversation = new Dictionary<(long Peer, long Cmid), HistoryMessage>(messages.Count);
        foreach (var message in messages)
        {
            byId.TryAdd(message.Id, message);
            if (message.PeerId is { } peer && message.ConversationMessageId is { } cmid)
            {
                byConversation.TryAdd((peer, cmid), message);
            }
        }

        for (var i = 0; i < events.Length; i++)
        {
            events[i] = events[i] switch
            {
                MessageNewEvent e when Find(e.Message) is { } api => e with { Message = Fill(e.Message, api) },
                MessageEditEvent e when Find(e.Message) is { } api => e with { Message = Fill(e.Message, api) },
                MessageUpdatedEvent e when Find(e.Message) is { } api => e with { Message = Fill(e.Message, api) },
                MessageFlagsResetEvent e when Find(e.Message) is { } api => e with { Message = Fill(e.Message, api) },
                var other => other,
            };
        }

        return events;

        HistoryMessage? Find(LongPollMessage message)
        {
            if (message.IsComplete)
            {
                return null;
            }

            if (message.MessageId is { } id)
            {
                return byId.GetValueOrDefault(id);
            }

            return message.PeerId is { } peer && message.ConversationMessageId is { } cmid
                ? byConversation.GetValueOrDefault((peer.Value, cmid))
                : null;
        }
    }

    private static LongPollMessage Fill(LongPollMessage message, HistoryMessage api) => message with
    {
        MessageId = api.Id,
        ConversationMessageId = message.ConversationMessageId ?? api.ConversationMessageId,
        PeerId = message.PeerId ?? (api.PeerId is { } peer ? new PeerId(peer) : null),
        FromId = api.FromId ?? message.FromId,
        IsOutgoing = api.Out ?? message.IsOutgoing,
        Timestamp = api.Date,
        Text = api.Text,
        RandomId = api.RandomId,
        UpdateTime = api.UpdateTime,
        IsComplete = true,
    };
}
