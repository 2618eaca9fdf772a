using System.Globalization;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>The rarer events: updates, invisibility, friends, write bans, conversation flags, translations, reactions, folders.</summary>
internal sealed partial class FeedFormatter
{
    private string? More(LongPollEvent e) => e switch
    {
        MessageUpdatedEvent { Message.Extras.IsExpired: true } m => Ru ? $"Исчезающее сообщение истекло{Where(m.Message.PeerId)}" : $"A disappearing message expired{Where(m.Message.PeerId)}",
        MessageUpdatedEvent { Message.Extras.PinnedAt: not null } m => Ru ? $"Сообщение закреплено{Where(m.Message.PeerId)}" : $"A message was pinned{Where(m.Message.PeerId)}",
        MessageUpdatedEvent m => Ru ? $"Сообщение обновлено{Where(m.Message.PeerId)}{Tail(m.Message)}" : $"A message was updated{Where(m.Message.PeerId)}{Tail(m.Message)}",
        FriendInvisibilityEvent f => Ru
            ? $"{Name(f.UserId)} {(f.IsInvisible ? Verb(f.UserId, "включил", "включила") : Verb(f.UserId, "выключил", "выключила"))} невидимку"
            : $"{Name(f.UserId)} turned invisibility {(f.IsInvisible ? "on" : "off")}",
        FriendsChangedEvent { Action: FriendsChangeAction.RequestAccepted } f => Ru ? $"Вы приняли заявку в друзья от {Name(f.UserId, "gen")}" : $"You accepted a friend request from {Name(f.UserId)}",
        FriendsChangedEvent f => Ru ? $"Вы удалили {Name(f.UserId, "acc")} из друзей" : $"You removed {Name(f.UserId)} from friends",
        ChatMemberWriteBanEvent { Action: WriteBanAction.Allowed } b => Ru ? $"{Name(b.MemberId)} снова может писать в {InChat(b.PeerId)}" : $"{Name(b.MemberId)} may write in {Title(b.PeerId)} again",
        ChatMemberWriteBanEvent { Action: WriteBanAction.BannedForAWhile, Until: { } until } b => Ru
            ? $"{Name(b.MemberId)} не может писать в {InChat(b.PeerId)} до {Clock(until)}"
            : $"{Name(b.MemberId)} may not write in {Title(b.PeerId)} until {Clock(until)}",
        ChatMemberWriteBanEvent b => Ru ? $"{Name(b.MemberId)} больше не может писать в {InChat(b.PeerId)}" : $"{Name(b.MemberId)} may no longer write in {Title(b.PeerId)}",
        ConversationFlagsSetEvent c => ConversationFlags(c.PeerId, c.Flags, set: true),
        ConversationFlagsResetEvent c => ConversationFlags(c.PeerId, c.Flags, set: false),
        MessageTranslatedEvent t => Ru ? $"Перевод ({t.Language}){Where(t.PeerId)}: {t.Translation}" : $"Translation ({t.Language}){Where(t.PeerId)}: {t.Translation}",
        ReactionsChangedEvent r => (r.Action, Ru) switch
        {
            (ReactionAction.YouAdded, true) => $"Вы поставили реакцию{Where(r.PeerId)}",
            (ReactionAction.YouAdded, false) => $"You reacted to a message{Where(r.PeerId)}",
            (ReactionAction.OtherAdded, true) => $"На сообщение{Where(r.PeerId)} поставили реакцию",
            (ReactionAction.OtherAdded, false) => $"Someone reacted to a message{Where(r.PeerId)}",
            (ReactionAction.YouRemoved, true) => $"Вы убрали реакцию{Where(r.PeerId)}",
            (ReactionAction.YouRemoved, false) => $"You removed a reaction{Where(r.PeerId)}",
            (_, true) => $"С сообщения{Where(r.PeerId)} убрали реакцию",
            _ => $"Someone removed a reaction{Where(r.PeerId)}",
        },
        FolderCreatedEvent f => Ru ? $"Создана папка «{f.Name}»" : $"Folder “{f.Name}” created",
        FolderRenamedEvent f => Ru ? $"Папка переименована в «{f.Name}»" : $"A folder was renamed to “{f.Name}”",
        FolderDeletedEvent => Ru ? "Папка удалена" : "A folder was deleted",
        _ => null,
    };

    private string? ConversationFlags(PeerId peer, ConversationFlags flags, bool set)
    {
        var subject = Capital(Conversation(peer, "nom"));
        if (flags.HasFlag(Events.ConversationFlags.Archived))
        {
            return Ru
                ? set ? $"{subject} в архиве" : $"{subject} {(peer.IsChat ? "вернулась" : "вернулся")} из архива"
                : set ? $"{subject} was archived" : $"{subject} left the archive";
        }

        if (flags.HasFlag(Events.ConversationFlags.MessageRequest) && set && !peer.IsChat)
        {
            return Ru ? $"{Name(peer.Value)} {Verb(peer.Value, "хочет", "хочет")} с вами переписываться: запрос на переписку" : $"{Name(peer.Value)} wants to write to you: a message request";
        }

        if (flags.HasFlag(Events.ConversationFlags.RequestDeclined) && set && !peer.IsChat)
        {
            return Ru ? $"Вы отклонили запрос на переписку от {Name(peer.Value, "gen")}" : $"You declined the message request from {Name(peer.Value)}";
        }

        if (flags.HasFlag(Events.ConversationFlags.MarkedUnread) && set)
        {
            return Ru ? $"{subject} {(peer.IsChat ? "отмечена как непрочитанная" : "отмечен как непрочитанный")}" : $"{subject} was marked unread";
        }

        return null;
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Clock(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, 0, 253_402_300_799)).ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Who is online as the feed starts, in one line (the first 20, then how many more).</summary>
    public string OnlineNow(IReadOnlyList<FriendOnlineEvent> online)
    {
        const int Shown = 20;
        var names = online.Take(Shown).Select(f =>
        {
            var device = Ru ? PlatformRu(f.Platform) is var ru && ru.StartsWith("с ", StringComparison.Ordinal) ? ru : string.Empty : PlatformEn(f.Platform).Trim().Trim('(', ')');
            return device.Length == 0 ? Name(f.UserId) : $"{Name(f.UserId)} ({device})";
        });
        var more = online.Count > Shown ? (Ru ? $" и ещё {online.Count - Shown}" : $" and {online.Count - Shown} more") : string.Empty;
        return (Ru ? "Сейчас в сети: " : "Online now: ") + string.Join(", ", names) + more;
    }
}
