namespace VkLongPoll.Testing.Model;

/// <summary>Friends' presence, activity, chats and notification settings.</summary>
internal sealed partial class Account
{
    private long _nextChatId;

    public LoggedEvent FriendOnline(long userId, int platform)
    {
        lock (Sync)
        {
            var user = _world.User(userId);
            user.Online = true;
            user.Platform = platform;
            user.LastSeen = _world.Time.GetUtcNow().ToUnixTimeSeconds();
            return Emit(new WorldEvent(WorldEventKind.FriendOnline) { UserId = userId, Platform = platform });
        }
    }

    public LoggedEvent FriendOffline(long userId, bool timeout)
    {
        lock (Sync)
        {
            var user = _world.User(userId);
            user.Online = false;
            user.LastSeen = _world.Time.GetUtcNow().ToUnixTimeSeconds();
            return Emit(new WorldEvent(WorldEventKind.FriendOffline) { UserId = userId, Timeout = timeout });
        }
    }

    /// <summary>Someone types (63), records voice (64) or uploads (65–67) in a conversation.</summary>
    public LoggedEvent Activity(long peerId, long userId, int code)
    {
        if (code is < 63 or > 68)
        {
            throw new EmulatorRequestException($"activity code must be 63–68, not {code}");
        }

        lock (Sync)
        {
            return Emit(new WorldEvent(WorldEventKind.Activity) { PeerId = peerId, UserIds = [userId], ActivityCode = code, Count = 1 });
        }
    }

    public EmulatedChat CreateChat(string title, IReadOnlyList<long> members, long creatorId)
    {
        lock (Sync)
        {
            var chat = new EmulatedChat { Id = ++_nextChatId, Title = title, AdminId = creatorId };
            chat.Members.Add(Self.Id);
            chat.Members.AddRange(members.Where(m => m != Self.Id));
            Chats[chat.Id] = chat;
            AddMessage(chat.PeerId, creatorId, string.Empty, action: new ServiceActionData("chat_create") { Text = title });
            return chat;
        }
    }

    public void RenameChat(long chatId, string title, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            var old = chat.Title;
            chat.Title = title;
            AddMessage(chat.PeerId, byUserId, string.Empty, action: new ServiceActionData("chat_title_update") { Text = title, OldText = old });
            EmitChatInfo(chat, 1, 0);
        }
    }

    public void SetChatPhoto(long chatId, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            var photoId = _random.Next(100_000, 999_999);
            chat.Photo = $"https://vk.example/images/chat{chatId}_{photoId}.jpg";
            AddMessage(chat.PeerId, byUserId, string.Empty, [new StoredAttachment("photo", byUserId, photoId)], action: new ServiceActionData("chat_photo_update"));
            EmitChatInfo(chat, 2, 0);
        }
    }

    public void InviteToChat(long chatId, long userId, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            if (!chat.Members.Contains(userId))
            {
                chat.Members.Add(userId);
            }

            AddMessage(chat.PeerId, byUserId, string.Empty, action: new ServiceActionData("chat_invite_user") { MemberId = userId });
            EmitChatInfo(chat, 6, userId);
        }
    }

    /// <summary>Removes a member; when they remove themselves it is "left" (52 type 7), else "kicked" (type 8).</summary>
    public void KickFromChat(long chatId, long userId, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            chat.Members.Remove(userId);
            AddMessage(chat.PeerId, byUserId, string.Empty, action: new ServiceActionData("chat_kick_user") { MemberId = userId });
            EmitChatInfo(chat, userId == byUserId ? 7 : 8, userId);
        }
    }

    public void PinInChat(long chatId, long conversationMessageId, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            var pinned = Messages.Values.FirstOrDefault(m => m.PeerId == chat.PeerId && m.ConversationMessageId == conversationMessageId)
                ?? throw new EmulatorRequestException($"chat {chatId} has no message {conversationMessageId}");
            chat.PinnedConversationMessageId = conversationMessageId;
            AddMessage(chat.PeerId, byUserId, string.Empty, action: new ServiceActionData("chat_pin_message")
            {
                MemberId = byUserId,
                Message = pinned.Text.Length > 50 ? pinned.Text[..50] : pinned.Text,
                ConversationMessageId = conversationMessageId,
            });
            EmitChatInfo(chat, 5, conversationMessageId);
        }
    }

    /// <summary>Unpinning: a <c>chat_unpin_message</c> service message and event 52 type 5 with 0 (VK has no 10018 for it).</summary>
    public void UnpinInChat(long chatId, long byUserId)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            var was = chat.PinnedConversationMessageId;
            chat.PinnedConversationMessageId = 0;
            AddMessage(chat.PeerId, byUserId, string.Empty, action: new ServiceActionData("chat_unpin_message") { MemberId = byUserId, ConversationMessageId = was });
            EmitChatInfo(chat, 5, 0);
        }
    }

    /// <summary>
    /// A message request: someone who is not a friend writes first; the conversation gets flag 256 ("incoming request")
    /// before the message, as VK marks it (danyadev/longpoll-doc, conversation flags).
    /// </summary>
    public StoredMessage RequestMessage(long fromUserId, string text)
    {
        lock (Sync)
        {
            ChangeConversationFlags(fromUserId, MessageRequestFlag, set: true);
            return AddMessage(fromUserId, fromUserId, text).Message;
        }
    }

    /// <summary>You accept (flag 256 reset, an <c>accepted_message_request</c> service message) or decline (flag 512 set) a request.</summary>
    public void AnswerMessageRequest(long fromUserId, bool accept)
    {
        lock (Sync)
        {
            ChangeConversationFlags(fromUserId, MessageRequestFlag, set: false);
            if (accept)
            {
                AddMessage(fromUserId, Self.Id, string.Empty, action: new ServiceActionData("accepted_message_request") { MemberId = Self.Id });
            }
            else
            {
                ChangeConversationFlags(fromUserId, RequestDeclinedFlag, set: true);
            }
        }
    }

    /// <summary>
    /// Someone reacts to a message (601, type 2); to your own it is also an unread reaction (602). The reaction block counts
    /// only this reactor: the emulator keeps no tally of reactions.
    /// </summary>
    public void React(long messageId, long userId, int reactionId)
    {
        lock (Sync)
        {
            var message = Find(messageId);
            Emit(new WorldEvent(WorldEventKind.Reaction) { PeerId = message.PeerId, Info = message.ConversationMessageId, Count = reactionId, UserIds = [userId] });
            if (message.Out)
            {
                Emit(new WorldEvent(WorldEventKind.UnreadReactions) { PeerId = message.PeerId, Info = message.ConversationMessageId });
            }
        }
    }

    /// <summary>A chat member may not write (91: 1 until <paramref name="until"/>, 2 for good) or may again (3).</summary>
    public void RestrictMember(long chatId, long userId, int type, long until)
    {
        lock (Sync)
        {
            var chat = Chat(chatId);
            Emit(new WorldEvent(WorldEventKind.MemberRestricted) { PeerId = chat.PeerId, UserId = userId, Count = type, DisabledUntil = until, Timestamp = _world.Time.GetUtcNow().ToUnixTimeSeconds() });
        }
    }

    private const long MessageRequestFlag = 256;
    private const long RequestDeclinedFlag = 512;

    public LoggedEvent SetNotifications(long peerId, long disabledUntil)
    {
        lock (Sync)
        {
            ConversationWith(peerId).DisabledUntil = disabledUntil;
            return Emit(new WorldEvent(WorldEventKind.NotificationSettings) { PeerId = peerId, DisabledUntil = disabledUntil });
        }
    }

    public LoggedEvent ChangeConversationFlags(long peerId, long mask, bool set)
    {
        lock (Sync)
        {
            var conversation = ConversationWith(peerId);
            conversation.Flags = set ? conversation.Flags | mask : conversation.Flags & ~mask;
            return Emit(new WorldEvent(set ? WorldEventKind.ConversationFlagsSet : WorldEventKind.ConversationFlagsReset) { PeerId = peerId, Mask = mask });
        }
    }

    public EmulatedChat Chat(long chatId) =>
        Chats.TryGetValue(chatId, out var chat) ? chat : throw new EmulatorRequestException($"no chat {chatId} in this account");

    /// <summary>51 (deprecated, still sent) followed by 52 with the change.</summary>
    private void EmitChatInfo(EmulatedChat chat, int type, long info)
    {
        Emit(new WorldEvent(WorldEventKind.ChatChanged) { ChatId = chat.Id, PeerId = chat.PeerId });
        Emit(new WorldEvent(WorldEventKind.ChatInfo) { PeerId = chat.PeerId, ChatInfoType = type, Info = info });
    }
}
