using System.Globalization;
using VkLongPoll.Community;
using VkLongPoll.Events;

namespace VkLongPoll.Engine;

/// <summary>
/// What an event is, the same every time it is delivered: a message by its place (peer and conversation message id, or its
/// id where VK gives no other), whichever transport or recovery brought it; a community's other events by VK's
/// <c>event_id</c>. Dead letters name events by it, and a reply's <c>random_id</c> is derived from it.
/// </summary>
internal static class EventIdentity
{
    public static string Of(LongPollEvent e) => e switch
    {
        MessageNewEvent m => Message(e.Type, m.Message),
        MessageEditEvent m => Message(e.Type, m.Message),
        MessageUpdatedEvent m => Message(e.Type, m.Message),
        MessageFlagsSetEvent m => Message(e.Type, m.Message),
        MessageFlagsResetEvent m => Message(e.Type, m.Message),
        // A community's message is the same message whether it came by the Bots Long Poll, the Callback API or from pts.
        CommunityMessageNew m => Message("message_new", m.Message),
        CommunityMessageReply m => Message("message_reply", m.Message),
        CommunityMessageEdit m when m.EventId.Length == 0 => Message("message_edit", m.Message),
        CommunityEvent { EventId.Length: > 0 } c => c.Type + " " + c.EventId,
        _ => e.Type,
    };

    /// <summary>The message an event is about, when it is about one (a reply goes to its peer).</summary>
    public static LongPollMessage? MessageOf(LongPollEvent e) => e switch
    {
        MessageNewEvent m => m.Message,
        MessageEditEvent m => m.Message,
        MessageUpdatedEvent m => m.Message,
        CommunityMessageNew m => m.Message,
        CommunityMessageReply m => m.Message,
        CommunityMessageEdit m => m.Message,
        _ => null,
    };

    private static string Message(string type, LongPollMessage m) =>
        $"{type} {m.PeerId?.Value.ToString(CultureInfo.InvariantCulture) ?? "?"}/{(m.ConversationMessageId ?? m.MessageId)?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
}
