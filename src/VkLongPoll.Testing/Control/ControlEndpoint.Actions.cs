using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Control;

/// <summary>The actions that change the world; each emits the events VK would.</summary>
internal sealed partial class ControlEndpoint
{
    private static readonly Dictionary<string, int> Activities = new(StringComparer.Ordinal)
    {
        ["typing"] = 63, ["voice"] = 64, ["photo"] = 65, ["video"] = 66, ["file"] = 67, ["video_message"] = 68,
    };

    private static (StoredMessage? Message, long? ChatId) Act(string action, ControlRequest r, Account account)
    {
        switch (action)
        {
            case "send":
                var peer = r.PeerId ?? (account.Friends.Count > 0 ? account.Friends[0] : throw new EmulatorRequestException("the account has no friends to write from"));
                var from = r.FromId ?? (peer > 2_000_000_000 ? ChatMember(account, peer) : peer);
                var attachments = r.Attachments?.Select(a => new StoredAttachment(a.Type, a.OwnerId, a.Id) { ProductId = a.ProductId, Url = a.Url, Title = a.Title }).ToList();
                return (account.AddMessage(peer, from, r.Text ?? string.Empty, attachments, r.ReplyTo, r.RandomId ?? 0).Message, null);
            case "edit":
                account.EditMessage(MessageId(r, account), r.Text ?? throw new EmulatorRequestException("text is required"));
                return (account.Find(MessageId(r, account)), null);
            case "delete":
                account.DeleteMessage(MessageId(r, account), r.ForAll);
                return (account.Find(MessageId(r, account)), null);
            case "restore":
                account.RestoreMessage(MessageId(r, account));
                return (account.Find(MessageId(r, account)), null);
            case "flags":
                if (r.Set is { } set)
                {
                    account.SetFlags(MessageId(r, account), set);
                }

                if (r.Reset is { } reset)
                {
                    account.ResetFlags(MessageId(r, account), reset);
                }

                return (account.Find(MessageId(r, account)), null);
            case "read":
                account.Read(Require(r.PeerId, "peer_id"), r.Direction is not "out");
                return (null, null);
            case "typing":
                var activity = Activities.GetValueOrDefault(r.Activity ?? "typing");
                var typingPeer = Require(r.PeerId, "peer_id");
                account.Activity(typingPeer, r.UserId ?? (typingPeer > 2_000_000_000 ? ChatMember(account, typingPeer) : typingPeer), activity == 0 ? throw new EmulatorRequestException($"unknown activity '{r.Activity}'") : activity);
                return (null, null);
            case "online":
                account.FriendOnline(r.UserId ?? account.Friends[0], r.Platform ?? 7);
                return (null, null);
            case "offline":
                account.FriendOffline(r.UserId ?? account.Friends[0], r.Timeout);
                return (null, null);
            case "chat_create":
                var chat = account.CreateChat(r.Title ?? "Новая беседа", r.MemberIds ?? [.. account.Friends.Take(3)], r.FromId ?? account.Self.Id);
                return (null, chat.Id);
            case "chat_rename":
                account.RenameChat(Require(r.ChatId, "chat_id"), r.Title ?? throw new EmulatorRequestException("title is required"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "chat_photo":
                account.SetChatPhoto(Require(r.ChatId, "chat_id"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "chat_invite":
                account.InviteToChat(Require(r.ChatId, "chat_id"), Require(r.UserId, "user_id"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "chat_kick":
                account.KickFromChat(Require(r.ChatId, "chat_id"), Require(r.UserId, "user_id"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "chat_leave":
                var leaver = Require(r.UserId, "user_id");
                account.KickFromChat(Require(r.ChatId, "chat_id"), leaver, leaver);
                return (null, r.ChatId);
            case "chat_pin":
                account.PinInChat(Require(r.ChatId, "chat_id"), Require(r.ConversationMessageId, "conversation_message_id"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "chat_unpin":
                account.UnpinInChat(Require(r.ChatId, "chat_id"), r.FromId ?? account.Self.Id);
                return (null, r.ChatId);
            case "react":
                account.React(MessageId(r, account), r.FromId ?? account.Friends[0], r.ReactionId ?? 1);
                return (account.Find(MessageId(r, account)), null);
            case "restrict":
                account.RestrictMember(Require(r.ChatId, "chat_id"), Require(r.UserId, "user_id"), r.Direction switch { "until" => 1, "allow" => 3, _ => 2 }, r.DisabledUntil ?? 0);
                return (null, r.ChatId);
            case "message_request":
                return (account.RequestMessage(Require(r.FromId, "from_id"), r.Text ?? string.Empty), null);
            case "message_request_answer":
                account.AnswerMessageRequest(Require(r.FromId, "from_id"), r.Direction is not "decline");
                return (null, null);
            case "notifications":
                account.SetNotifications(Require(r.PeerId, "peer_id"), r.DisabledUntil ?? -1);
                return (null, null);
            case "conversation_flags":
                var conversationPeer = Require(r.PeerId, "peer_id");
                if (r.Set is { } setMask)
                {
                    account.ChangeConversationFlags(conversationPeer, setMask, set: true);
                }

                if (r.Reset is { } resetMask)
                {
                    account.ChangeConversationFlags(conversationPeer, resetMask, set: false);
                }

                return (null, null);
            case "cache_reset":
                account.ResetCache(MessageId(r, account));
                return (account.Find(MessageId(r, account)), null);
            case "history_delete":
                account.DeleteHistory(Require(r.PeerId, "peer_id"));
                return (null, null);
            default:
                throw new EmulatorRequestException($"unknown control action '{action}'");
        }
    }

    private static long MessageId(ControlRequest r, Account account)
    {
        if (r.MessageId is { } id)
        {
            return id;
        }

        if (r.PeerId is { } peer && r.ConversationMessageId is { } cmid)
        {
            lock (account.Sync)
            {
                return account.Messages.Values.FirstOrDefault(m => m.PeerId == peer && m.ConversationMessageId == cmid)?.Id
                    ?? throw new EmulatorRequestException($"no message {cmid} in {peer}");
            }
        }

        throw new EmulatorRequestException("give message_id, or peer_id and conversation_message_id");
    }

    private static long ChatMember(Account account, long peer)
    {
        lock (account.Sync)
        {
            var chat = account.Chat(peer - 2_000_000_000);
            return chat.Members.FirstOrDefault(m => m != account.Self.Id, account.Self.Id);
        }
    }

    private static long Require(long? value, string name) => value ?? throw new EmulatorRequestException($"{name} is required");
}
