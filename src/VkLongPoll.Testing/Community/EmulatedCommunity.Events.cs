using System.Buffers;
using System.Text.Json;
using VkLongPoll.Testing.Model;
using VkLongPoll.Testing.Wire;

namespace VkLongPoll.Testing.Community;

/// <summary>What happens in a community, each step emitting the event VK would, its <c>object</c> shaped as vk-api-schema's callback objects.</summary>
internal sealed partial class EmulatedCommunity
{
    /// <summary>
    /// VK's <c>client_info</c> of <c>message_new</c> (API ≥ 5.103; vk-api-schema <c>callback_info_for_bots</c>): what the writer's
    /// app can show. The emulator's writers use a full, current app.
    /// </summary>
    private static readonly string[] ButtonActions = ["text", "vkpay", "open_app", "location", "open_link", "callback", "intent_subscribe", "intent_unsubscribe"];

    private readonly Dictionary<long, long> _sentByRandomId = [];

    /// <summary>A subscriber writes to the community (or in its chat): <c>message_new</c>.</summary>
    public (StoredMessage Message, CommunityEvent Event) Receive(long fromId, string text, bool inChat, IReadOnlyList<StoredAttachment>? attachments = null)
    {
        lock (Sync)
        {
            var peer = inChat ? ChatPeerId : fromId;
            var message = Messages.AddMessage(peer, fromId, text, attachments).Message;
            var e = Emit("message_new", peer, message.ConversationMessageId, json =>
            {
                json.WriteStartObject();
                json.WritePropertyName("message");
                ApiObjects.WriteMessage(json, message, zeroIdInChats: true);
                json.WriteStartObject("client_info");
                json.WriteStartArray("button_actions");
                Array.ForEach(ButtonActions, json.WriteStringValue);
                json.WriteEndArray();
                json.WriteBoolean("keyboard", true);
                json.WriteBoolean("inline_keyboard", true);
                json.WriteBoolean("carousel", true);
                json.WriteNumber("lang_id", 0);
                json.WriteEndObject();
                json.WriteEndObject();
            });
            return (message, e);
        }
    }

    /// <summary>
    /// The community writes (<c>messages.send</c>): <c>message_reply</c>, the message itself as the object. The same
    /// <paramref name="randomId"/> again sends nothing (no event) and gives the first message back (VK: random_id is unique "per
    /// API_ID and sender" and "checked for uniqueness over the whole message history").
    /// </summary>
    public (StoredMessage Message, CommunityEvent? Event) Send(long peerId, string text, long randomId)
    {
        lock (Sync)
        {
            if (randomId != 0 && _sentByRandomId.TryGetValue(randomId, out var first))
            {
                return (Messages.Find(first), null);
            }

            var message = Messages.AddMessage(peerId, -Id, text, randomId: randomId).Message;
            if (randomId != 0)
            {
                _sentByRandomId[randomId] = message.Id;
            }

            return (message, EmitMessage("message_reply", message));
        }
    }

    /// <summary>A message is edited: <c>message_edit</c>, the message itself as the object.</summary>
    public CommunityEvent Edit(long messageId, string text)
    {
        lock (Sync)
        {
            Messages.EditMessage(messageId, text);
            return EmitMessage("message_edit", Messages.Find(messageId));
        }
    }

    /// <summary>A subscriber types to the community: <c>message_typing_state</c> <c>{state, from_id, to_id}</c>.</summary>
    public CommunityEvent Typing(long userId) => Emit("message_typing_state", userId, null, json =>
    {
        json.WriteStartObject();
        json.WriteString("state", "typing");
        json.WriteNumber("from_id", userId);
        json.WriteNumber("to_id", -Id);
        json.WriteEndObject();
    });

    /// <summary>A user allows messages from the community: <c>message_allow</c> <c>{user_id, key}</c> (key: the <c>key</c> of the subscribe link, empty without one).</summary>
    public CommunityEvent Allow(long userId) => Emit("message_allow", userId, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("user_id", userId);
        json.WriteString("key", string.Empty);
        json.WriteEndObject();
    });

    /// <summary>A user denies messages from the community: <c>message_deny</c> <c>{user_id}</c>.</summary>
    public CommunityEvent Deny(long userId) => Emit("message_deny", userId, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("user_id", userId);
        json.WriteEndObject();
    });

    /// <summary>A callback button pressed: <c>message_event</c> <c>{user_id, peer_id, event_id, payload, conversation_message_id}</c>.</summary>
    public CommunityEvent ButtonPressed(long userId, long peerId, long cmid) => Emit("message_event", peerId, cmid, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("user_id", userId);
        json.WriteNumber("peer_id", peerId);
        json.WriteString("event_id", NewHex(6)); // the button's own id, for messages.sendMessageEventAnswer
        json.WriteStartObject("payload");
        json.WriteString("button", "1");
        json.WriteEndObject();
        json.WriteNumber("conversation_message_id", cmid);
        json.WriteEndObject();
    });

    /// <summary>A reaction on a message: <c>message_reaction_event</c> <c>{reacted_id, peer_id, cmid, reaction_id}</c>.</summary>
    public CommunityEvent Reacted(long userId, long peerId, long cmid, int reactionId) => Emit("message_reaction_event", peerId, cmid, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("reacted_id", userId);
        json.WriteNumber("peer_id", peerId);
        json.WriteNumber("cmid", cmid);
        json.WriteNumber("reaction_id", reactionId);
        json.WriteEndObject();
    });

    /// <summary><c>group_join</c> <c>{user_id, join_type}</c> (join, unsure, accepted, approved, request).</summary>
    public CommunityEvent Join(long userId, string joinType = "join") => Emit("group_join", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("user_id", userId);
        json.WriteString("join_type", joinType);
        json.WriteEndObject();
    });

    /// <summary><c>group_leave</c> <c>{user_id, self}</c>: self 1 when the user left, 0 when removed.</summary>
    public CommunityEvent Leave(long userId, bool self) => Emit("group_leave", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("user_id", userId);
        json.WriteNumber("self", self ? 1 : 0);
        json.WriteEndObject();
    });

    /// <summary>The community posts on its wall: <c>wall_post_new</c>, a <c>wall_wallpost</c>; returns the post id.</summary>
    public (long PostId, CommunityEvent Event) Post(string text)
    {
        lock (Sync)
        {
            var postId = _nextPostId++;
            var e = Emit("wall_post_new", null, null, json =>
            {
                json.WriteStartObject();
                json.WriteNumber("id", postId);
                json.WriteNumber("from_id", -Id);
                json.WriteNumber("owner_id", -Id);
                json.WriteNumber("created_by", AdminId);
                json.WriteNumber("date", Now());
                json.WriteNumber("marked_as_ads", 0);
                json.WriteString("post_type", "post");
                json.WriteString("text", text);
                json.WriteNumber("can_edit", 1);
                json.WriteNumber("can_delete", 1);
                json.WriteStartArray("attachments");
                json.WriteEndArray();
                json.WriteStartObject("comments");
                json.WriteNumber("count", 0);
                json.WriteEndObject();
                json.WriteBoolean("is_favorite", false);
                json.WriteEndObject();
            });
            return (postId, e);
        }
    }

    /// <summary>A comment under a post: <c>wall_reply_new</c>, a <c>wall_wall_comment</c>.</summary>
    public CommunityEvent Comment(long userId, long postId, string text) => Emit("wall_reply_new", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("id", 1000 + Log.Ts);
        json.WriteNumber("from_id", userId);
        json.WriteNumber("date", Now());
        json.WriteString("text", text);
        json.WriteNumber("post_owner_id", -Id);
        json.WriteNumber("post_id", postId);
        json.WriteNumber("owner_id", -Id);
        json.WriteStartArray("parents_stack");
        json.WriteEndArray();
        json.WriteStartObject("thread");
        json.WriteNumber("count", 0);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <summary><c>like_add</c>/<c>like_remove</c> on a post: <c>{liker_id, object_type, object_owner_id, object_id, post_id, thread_reply_id}</c> (post_id: the post of a liked comment, 0 for a post).</summary>
    public CommunityEvent Like(long userId, long postId, bool add) => Emit(add ? "like_add" : "like_remove", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("liker_id", userId);
        json.WriteString("object_type", "post");
        json.WriteNumber("object_owner_id", -Id);
        json.WriteNumber("object_id", postId);
        json.WriteNumber("thread_reply_id", 0);
        json.WriteNumber("post_id", 0);
        json.WriteEndObject();
    });

    /// <summary>A photo added to the community's album: <c>photo_new</c>, a <c>photos_photo</c> (the emulator's photo object, owned by the community).</summary>
    public CommunityEvent PhotoAdded(long photoId) => Emit("photo_new", null, null, json => ApiObjects.WriteItem(json, new StoredAttachment("photo", -Id, photoId)));

    /// <summary><c>user_block</c> <c>{admin_id, user_id, unblock_date, reason, comment}</c> (unblock_date 0: for ever; reason 0: other).</summary>
    public CommunityEvent Block(long userId) => Emit("user_block", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("admin_id", AdminId);
        json.WriteNumber("user_id", userId);
        json.WriteNumber("unblock_date", 0);
        json.WriteNumber("reason", 0);
        json.WriteString("comment", string.Empty);
        json.WriteEndObject();
    });

    /// <summary><c>user_unblock</c> <c>{admin_id, user_id, by_end_date}</c> (by_end_date 1: the ban ran out).</summary>
    public CommunityEvent Unblock(long userId) => Emit("user_unblock", null, null, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("admin_id", AdminId);
        json.WriteNumber("user_id", userId);
        json.WriteNumber("by_end_date", 0);
        json.WriteEndObject();
    });

    private CommunityEvent EmitMessage(string type, StoredMessage message) =>
        Emit(type, message.PeerId, message.ConversationMessageId, json => ApiObjects.WriteMessage(json, message, zeroIdInChats: true));

    private CommunityEvent Emit(string type, long? peerId, long? cmid, Action<Utf8JsonWriter> writeObject)
    {
        lock (Sync)
        {
            // Encoded under the lock: the object is the state at this event, and ids drawn from the log stay in order.
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var json = new Utf8JsonWriter(buffer, JsonOptions.Writer))
            {
                writeObject(json);
            }

            return Log.Append(type, NewEventId(Log.Ts + 1), peerId, cmid, buffer.WrittenSpan.ToArray());
        }
    }
}
