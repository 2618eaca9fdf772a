using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Completes shortened history message events from the API message objects that came with them.</summary>
internal static class HistoryCompletion
{
    /// <summary>Replaces, in place, the shortened message events that <paramref name="messages"/> can complete.</summary>
    public static LongPollEvent[] Complete(LongPollEvent[] events, List<LongPollMessage> messages)
    {
        if (messages.Count == 0)
        {
            return events;
        }

        var byId = new Dictionary<long, LongPollMessage>(messages.Count);
        var byConversation = new Dictionary<(long Peer, long Cmid), LongPollMessage>(messages.Count);
        foreach (var message in messages)
        {
            // A community chat's messages all have id 0 (vk-api-schema#40): only their place tells them apart.
            if (message.MessageId is { } id and not 0)
            {
                byId.TryAdd(id, message);
            }

            if (message.PeerId is { } peer && message.ConversationMessageId is { } cmid)
            {
                byConversation.TryAdd((peer.Value, cmid), message);
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

        LongPollMessage? Find(LongPollMessage message)
        {
            if (message.IsComplete)
            {
                return null;
            }

            // By place first: it is unique where an id is not (id 0 in a community's chats).
            if (message.PeerId is { } place && message.ConversationMessageId is { } number && byConversation.TryGetValue((place.Value, number), out var placed))
            {
                return placed;
            }

            if (message.MessageId is { } id and not 0)
            {
                return byId.GetValueOrDefault(id);
            }

            return message.PeerId is null && message.MinorId is { } minor
                ? byId.GetValueOrDefault(minor) // a live short 10004: minor_id is the message id
                : null;
        }
    }

    /// <summary>The API's message, with what the event itself says: its flags (a mask for flag events) and sort key.</summary>
    private static LongPollMessage Fill(LongPollMessage message, LongPollMessage api) => api with
    {
        ConversationMessageId = message.ConversationMessageId ?? api.ConversationMessageId,
        MinorId = message.MinorId,
        Flags = message.Flags,
        PeerId = message.PeerId ?? api.PeerId,
        FromId = api.FromId ?? message.FromId,
        IsOutgoing = api.IsOutgoing ?? message.IsOutgoing,
        // The short tuple's additional object is empty: the API's message brings keyboard, payload, pin and the rest.
        Extras = ReferenceEquals(message.Extras, MessageExtras.Empty) ? api.Extras : message.Extras,
    };
}
