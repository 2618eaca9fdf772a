namespace VkLongPoll.Testing.Community;

/// <summary>One event of a community, numbered for Bots Long Poll; its <c>object</c> is encoded once, when it happens.</summary>
/// <param name="Ts">Its Bots Long Poll number (VK's <c>ts</c>).</param>
/// <param name="Type">VK's event type, e.g. <c>message_new</c>.</param>
/// <param name="EventId">VK's <c>event_id</c>: 40 lowercase hex digits.</param>
/// <param name="PeerId">The conversation, for message events.</param>
/// <param name="ConversationMessageId">The message's id within its conversation, for message events.</param>
/// <param name="Object">The event's <c>object</c>, UTF-8 JSON.</param>
internal sealed record CommunityEvent(long Ts, string Type, string EventId, long? PeerId, long? ConversationMessageId, byte[] Object);
