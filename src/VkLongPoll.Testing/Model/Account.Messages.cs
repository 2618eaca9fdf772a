namespace VkLongPoll.Testing.Model;

/// <summary>Messages: new, edit, delete, restore, flags, reads.</summary>
internal sealed partial class Account
{
    public const long Unread = 1, Outbox = 2, Important = 8, Spam = 64, Deleted = 128, GroupChat = 8192,
        CancelSpam = 32768, DeletedForAll = 131072, ChatIn = 524288, ReplyFlag = 2097152;

    /// <summary>A new message in <paramref name="peerId"/> from <paramref name="fromId"/> (yourself = outgoing).</summary>
    public (StoredMessage Message, LoggedEvent Event) AddMessage(
        long peerId, long fromId, string text, IReadOnlyList<StoredAttachment>? attachments = null,
        long? replyTo = null, long randomId = 0, ServiceActionData? action = null, bool forwards = false)
    {
        lock (Sync)
        {
            var conversation = ConversationWith(peerId);
            var outgoing = fromId == Self.Id;
            var isChat = peerId > 2_000_000_000;
            var flags = outgoing ? Outbox | Unread : Unread;
            if (isChat)
            {
                flags |= GroupChat | (outgoing ? 0 : ChatIn);
            }

            if (replyTo is not null)
            {
                flags |= ReplyFlag;
            }

            var message = new StoredMessage
            {
                Id = ++_nextMessageId,
                ConversationMessageId = ++conversation.LastConversationMessageId,
                PeerId = peerId,
                FromId = fromId,
                Out = outgoing,
                Date = Now(),
                Text = text,
                RandomId = randomId,
                Flags = flags,
                Attachments = attachments ?? [],
                ReplyToConversationMessageId = replyTo,
                HasForwards = forwards || replyTo is not null,
                Action = action,
            };
            Messages[message.Id] = message;
            conversation.LastMessageId = message.Id;
            (outgoing ? conversation.Outgoing : conversation.Incoming).Add((message.ConversationMessageId, message.Id));
            Recent.Add(message.Id);
            if (Recent.Count > 10)
            {
                Recent.RemoveAt(0);
            }

            var logged = Emit(new WorldEvent(WorldEventKind.MessageNew) { Message = message, PeerId = peerId });
            if (outgoing)
            {
                // Writing to a dialog reads it.
                conversation.InRead = conversation.LastConversationMessageId;
            }
            else
            {
                EmitCounter();
            }

            return (message, logged);
        }
    }

    public LoggedEvent EditMessage(long messageId, string text)
    {
        lock (Sync)
        {
            var message = Find(messageId) with { Text = text, UpdateTime = Now() };
            Messages[messageId] = message;
            return Emit(new WorldEvent(WorldEventKind.MessageEdit) { Message = message, PeerId = message.PeerId });
        }
    }

    /// <summary>Deletes for you (128) or for everyone (128 + 131072).</summary>
    public LoggedEvent DeleteMessage(long messageId, bool forAll)
    {
        var mask = Deleted | (forAll ? DeletedForAll : 0);
        return SetFlags(messageId, mask);
    }

    /// <summary>Restores a deleted message: a flags reset that carries the whole message.</summary>
    public LoggedEvent RestoreMessage(long messageId)
    {
        lock (Sync)
        {
            var message = Find(messageId) with { Flags = Find(messageId).Flags & ~(Deleted | DeletedForAll) };
            Messages[messageId] = message;
            return Emit(new WorldEvent(WorldEventKind.MessageFlagsReset) { Message = message, Mask = Deleted, WithMessage = true, PeerId = message.PeerId });
        }
    }

    public LoggedEvent SetFlags(long messageId, long mask)
    {
        lock (Sync)
        {
            var message = Find(messageId) with { Flags = Find(messageId).Flags | mask };
            Messages[messageId] = message;
            return Emit(new WorldEvent(WorldEventKind.MessageFlagsSet) { Message = message, Mask = mask, PeerId = message.PeerId });
        }
    }

    public LoggedEvent ResetFlags(long messageId, long mask)
    {
        lock (Sync)
        {
            var message = Find(messageId) with { Flags = Find(messageId).Flags & ~mask };
            Messages[messageId] = message;
            var withMessage = (mask & (Deleted | Spam)) != 0;
            return Emit(new WorldEvent(WorldEventKind.MessageFlagsReset)
            {
                Message = message,
                Mask = (mask & Spam) != 0 ? mask | CancelSpam : mask,
                WithMessage = withMessage,
                PeerId = message.PeerId,
            });
        }
    }

    /// <summary>You read incoming messages (<paramref name="incoming"/>) or the other side read yours, up to the newest.</summary>
    public LoggedEvent Read(long peerId, bool incoming)
    {
        lock (Sync)
        {
            var conversation = ConversationWith(peerId);
            var side = incoming ? conversation.Incoming : conversation.Outgoing;
            (long Cmid, long Id)? upTo = side.Count > 0 ? side[^1] : null;
            var cmid = upTo?.Cmid ?? conversation.LastConversationMessageId;
            if (incoming)
            {
                conversation.InRead = cmid;
            }
            else
            {
                conversation.OutRead = cmid;
            }

            var logged = Emit(new WorldEvent(incoming ? WorldEventKind.ReadInbox : WorldEventKind.ReadOutbox)
            {
                PeerId = peerId,
                UpToMessageId = upTo?.Id ?? conversation.LastMessageId,
                UpToConversationMessageId = cmid,
                Count = incoming ? UnreadIn(conversation) : UnreadOut(conversation),
            });
            if (incoming)
            {
                EmitCounter();
            }

            return logged;
        }
    }

    /// <summary>"Message changed, refetch it" (19 / 10019).</summary>
    public LoggedEvent ResetCache(long messageId)
    {
        lock (Sync)
        {
            var message = Find(messageId);
            return Emit(new WorldEvent(WorldEventKind.MessageCacheReset) { Message = message, PeerId = message.PeerId });
        }
    }

    /// <summary>Clears a conversation's history up to its newest message (13 / 10013).</summary>
    public LoggedEvent DeleteHistory(long peerId)
    {
        lock (Sync)
        {
            var conversation = ConversationWith(peerId);
            foreach (var message in Messages.Values.Where(m => m.PeerId == peerId).ToList())
            {
                Messages[message.Id] = message with { Flags = message.Flags | Deleted };
            }

            return Emit(new WorldEvent(WorldEventKind.MessagesDeleted)
            {
                PeerId = peerId,
                UpToMessageId = conversation.LastMessageId,
                UpToConversationMessageId = conversation.LastConversationMessageId,
            });
        }
    }

    public StoredMessage Find(long messageId) =>
        Messages.TryGetValue(messageId, out var message) ? message : throw new EmulatorRequestException($"no message {messageId} in this account");

    private void EmitCounter() => Emit(new WorldEvent(WorldEventKind.UnreadCounter) { Count = UnreadConversations() });
}
