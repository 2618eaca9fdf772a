using System.Globalization;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>Turns events into one readable line each, in Russian (with the speaker's grammatical gender and name cases) or English.</summary>
/// <remarks>Returns null for events a person does not need to see (51/52 duplicates of service messages, unknown codes).</remarks>
internal sealed partial class FeedFormatter(FeedLanguage language, IFeedDirectory directory)
{
    private bool Ru => language == FeedLanguage.Russian;

    /// <summary>The line for <paramref name="e"/>, or null when it is not worth showing.</summary>
    /// <param name="e">The event.</param>
    /// <param name="before">For an edit or a deletion: the message as it was before (from the message store), when known.</param>
    public string? Format(LongPollEvent e, LongPollMessage? before = null) => Capitalize(before is null ? FormatLine(e) : Remembered(e, before) ?? FormatLine(e));

    /// <summary>What VK does not say again: the text an edit replaced, what a deletion removed, and whose it was.</summary>
    private string? Remembered(LongPollEvent e, LongPollMessage before) => e switch
    {
        // A message first seen already edited (recovered after the gap) has nothing older to tell.
        MessageEditEvent m when before.Text == m.Message.Text => null,
        MessageEditEvent m => Ru
            ? $"{Name(Author(m.Message))} {Verb(Author(m.Message), "изменил", "изменила")} сообщение{Where(m.Message.PeerId)}: «{Body(before)}» → {Body(m.Message)}"
            : $"{Name(Author(m.Message))} edited a message{Where(m.Message.PeerId)}: “{Body(before)}” → {Body(m.Message)}",
        MessageFlagsSetEvent f when f.Mask.HasFlag(MessageFlags.Deleted) || f.Mask.HasFlag(MessageFlags.DeletedForAll) => Deleted(f, before),
        MessageFlagsSetEvent f when f.Mask.HasFlag(MessageFlags.Important) => Whose(f.Message, before, "отмечено как важное", "was marked important"),
        MessageFlagsResetEvent f when f.Mask.HasFlag(MessageFlags.Important) => Whose(f.Message, before, "больше не важное", "is no longer important"),
        MessageFlagsResetEvent f when f.Mask.HasFlag(MessageFlags.Deleted) => Whose(f.Message, before, "восстановлено", "was restored"),
        _ => null,
    };

    /// <summary>A change to a remembered message, saying whose it was and what it says: "A message from Ivan Ivanov was restored: …".</summary>
    private string Whose(LongPollMessage changed, LongPollMessage before, string ru, string en)
    {
        var where = Where(changed.PeerId ?? before.PeerId);
        if (before.IsOutgoing == true || Author(before) == directory.SelfId)
        {
            return Ru ? $"Ваше сообщение{where} {ru}: {Body(before)}" : $"Your message{where} {en}: {Body(before)}";
        }

        var author = Author(before);
        return Ru ? $"Сообщение от {Name(author, "gen")}{where} {ru}: {Body(before)}" : $"A message from {Name(author)}{where} {en}: {Body(before)}";
    }

    private string Deleted(MessageFlagsSetEvent f, LongPollMessage before) => f.Mask.HasFlag(MessageFlags.DeletedForAll)
        ? Whose(f.Message, before, "удалено для всех", "was deleted for everyone")
        : Whose(f.Message, before, "удалено", "was deleted");

    /// <summary>"вы …" / "you …" open a sentence when you are the actor; ids like "id30" stay as they are.</summary>
    private static string? Capitalize(string? line) =>
        line is not null && (line.StartsWith("вы ", StringComparison.Ordinal) || line.StartsWith("you ", StringComparison.Ordinal))
            ? char.ToUpperInvariant(line[0]) + line[1..]
            : line;

    private string? FormatLine(LongPollEvent e) => e switch
    {
        FriendOnlineEvent f => Ru
            ? $"{Name(f.UserId)} {Verb(f.UserId, "вошёл", "вошла")} {PlatformRu(f.Platform)}"
            : $"{Name(f.UserId)} came online{PlatformEn(f.Platform)}",
        FriendOfflineEvent f => f.IsTimeout
            ? Ru ? $"{Name(f.UserId)} {Verb(f.UserId, "отошёл", "отошла")} (нет активности)" : $"{Name(f.UserId)} is away (timed out)"
            : Ru ? $"{Name(f.UserId)} {Verb(f.UserId, "вышел", "вышла")} из сети" : $"{Name(f.UserId)} went offline",
        ActivityEvent a => Activity(a),
        MessageNewEvent m when m.Message.Action is { } action => ServiceAction(m.Message, action),
        // VK's short form of a message deleted for everyone before the poll: no peer, no author, no text to show.
        MessageNewEvent { Message: { PeerId: null, IsComplete: false } m } when m.Flags.HasFlag(MessageFlags.DeletedForAll) => Ru
            ? "Пришло сообщение, но его удалили для всех раньше, чем вы его увидели"
            : "A message came and was deleted for everyone before you saw it",
        MessageNewEvent m => NewMessage(m.Message),
        MessageEditEvent m => Ru
            ? $"{Name(Author(m.Message))} {Verb(Author(m.Message), "изменил", "изменила")} сообщение{Where(m.Message.PeerId)}: {Body(m.Message)}"
            : $"{Name(Author(m.Message))} edited a message{Where(m.Message.PeerId)}: {Body(m.Message)}",
        MessageFlagsSetEvent f => FlagsSet(f),
        MessageFlagsResetEvent f => FlagsReset(f),
        MessagesReadInboxEvent r => Ru
            ? (r.PeerId.IsChat ? $"Вы прочитали беседу {Title(r.PeerId)}" : $"Вы прочитали {Conversation(r.PeerId, "ins")}")
            : $"You read {Conversation(r.PeerId, "nom")}",
        MessagesReadOutboxEvent r => r.PeerId.IsChat
            ? Ru ? $"Ваши сообщения в {InChat(r.PeerId)} прочитаны" : $"Your messages in {Title(r.PeerId)} were read"
            : Ru ? $"{Name(r.PeerId.Value)} {Verb(r.PeerId.Value, "прочитал", "прочитала")} ваши сообщения" : $"{Name(r.PeerId.Value)} read your messages",
        MessagesDeletedEvent d => Ru ? $"История {Conversation(d.PeerId, "gen")} очищена" : $"History of {Conversation(d.PeerId, "nom")} was cleared",
        UnreadCounterEvent u => Ru ? $"Непрочитанных диалогов: {u.Count}" : $"Unread conversations: {u.Count}",
        NotificationSettingsEvent n => n.DisabledUntil == 0
            ? Ru ? $"Уведомления {Conversation(n.PeerId, "gen")} включены" : $"Notifications for {Conversation(n.PeerId, "nom")} are on"
            : Ru ? $"Уведомления {Conversation(n.PeerId, "gen")} выключены" : $"Notifications for {Conversation(n.PeerId, "nom")} are off",
        ChatInfoEvent { InfoType: ChatInfoType.AdminAppointed } c => Ru
            ? $"{Name(c.Info)} теперь {Verb(c.Info, "администратор", "администратор")} в {InChat(c.PeerId)}"
            : $"{Name(c.Info)} is now an admin of {Title(c.PeerId)}",
        _ => More(e),
    };

    private string Activity(ActivityEvent a)
    {
        var who = a.UserIds.Count == 0 ? (Ru ? "Кто-то" : "Someone") : string.Join(", ", a.UserIds.Select(id => Name(id)));
        var where = a.PeerId.IsChat ? (Ru ? $" в {InChat(a.PeerId)}" : $" in {Title(a.PeerId)}") : string.Empty;
        var plural = a.UserIds.Count > 1;
        var doing = (a.Activity, Ru) switch
        {
            (ActivityKind.Typing, true) => plural ? "печатают" : "печатает",
            (ActivityKind.RecordingVoice, true) => plural ? "записывают голосовое сообщение" : "записывает голосовое сообщение",
            (ActivityKind.UploadingPhoto, true) => plural ? "загружают фото" : "загружает фото",
            (ActivityKind.UploadingVideo, true) => plural ? "загружают видео" : "загружает видео",
            (ActivityKind.UploadingFile, true) => plural ? "загружают файл" : "загружает файл",
            (ActivityKind.RecordingVideoMessage, true) => plural ? "записывают видеосообщение" : "записывает видеосообщение",
            (_, true) => plural ? "выбирают файл" : "выбирает файл",
            (ActivityKind.Typing, false) => plural ? "are typing" : "is typing",
            (ActivityKind.RecordingVoice, false) => plural ? "are recording a voice message" : "is recording a voice message",
            (ActivityKind.UploadingPhoto, false) => plural ? "are uploading a photo" : "is uploading a photo",
            (ActivityKind.UploadingVideo, false) => plural ? "are uploading a video" : "is uploading a video",
            (ActivityKind.UploadingFile, false) => plural ? "are uploading a file" : "is uploading a file",
            (ActivityKind.RecordingVideoMessage, false) => plural ? "are recording a video message" : "is recording a video message",
            _ => plural ? "are choosing a file" : "is choosing a file",
        };
        return $"{who} {doing}{where}";
    }

    private string NewMessage(LongPollMessage m)
    {
        if (m.IsOutgoing == true)
        {
            return m.PeerId is { IsChat: true } chat
                ? Ru ? $"Вы написали в {InChat(chat)}: {Body(m)}" : $"You wrote in {Title(chat)}: {Body(m)}"
                : Ru ? $"Вы написали {Name(m.PeerId?.Value ?? 0, "dat")}: {Body(m)}" : $"You wrote to {Name(m.PeerId?.Value ?? 0)}: {Body(m)}";
        }

        var author = Author(m);
        return m.PeerId is { IsChat: true } peer
            ? Ru ? $"Сообщение от {Name(author, "gen")} в {InChat(peer)}: {Body(m)}" : $"Message from {Name(author)} in {Title(peer)}: {Body(m)}"
            : Ru ? $"Сообщение от {Name(author, "gen")}: {Body(m)}" : $"Message from {Name(author)}: {Body(m)}";
    }

    private string? FlagsSet(MessageFlagsSetEvent f) => f.Mask switch
    {
        var mask when mask.HasFlag(MessageFlags.DeletedForAll) => Ru ? $"Сообщение удалено для всех{Where(f.Message.PeerId)}" : $"A message was deleted for everyone{Where(f.Message.PeerId)}",
        var mask when mask.HasFlag(MessageFlags.Deleted) => Ru ? $"Сообщение удалено{Where(f.Message.PeerId)}" : $"A message was deleted{Where(f.Message.PeerId)}",
        var mask when mask.HasFlag(MessageFlags.Spam) => Ru ? "Сообщение отмечено как спам" : "A message was marked as spam",
        var mask when mask.HasFlag(MessageFlags.Important) => Ru ? "Сообщение отмечено как важное" : "A message was marked important",
        var mask when mask.HasFlag(MessageFlags.AudioListened) => Ru ? "Голосовое сообщение прослушано" : "A voice message was listened to",
        _ => null,
    };

    private string? FlagsReset(MessageFlagsResetEvent f) => f.Mask switch
    {
        var mask when mask.HasFlag(MessageFlags.Deleted) => Ru ? $"Сообщение восстановлено{Where(f.Message.PeerId)}{Tail(f.Message)}" : $"A message was restored{Where(f.Message.PeerId)}{Tail(f.Message)}",
        var mask when mask.HasFlag(MessageFlags.Spam) => Ru ? "Сообщение больше не спам" : "A message is no longer spam",
        var mask when mask.HasFlag(MessageFlags.Important) => Ru ? "Сообщение больше не важное" : "A message is no longer important",
        _ => null,
    };

    private string Tail(LongPollMessage m) => m.IsComplete ? ": " + Body(m) : string.Empty;

    /// <summary>
    /// Who wrote it: you when the outbox flag says so (a private dialog's edit carries only the peer, which is the other
    /// person), else <c>from</c> in chats or the peer. Live and recovered messages agree this way.
    /// </summary>
    private long Author(LongPollMessage m) => m.IsOutgoing == true && directory.SelfId != 0 ? directory.SelfId : m.FromId ?? m.PeerId?.Value ?? 0;

    private string Where(PeerId? peer) => peer is { IsChat: true } chat ? (Ru ? $" в {InChat(chat)}" : $" in {Title(chat)}") : string.Empty;

    private string Conversation(PeerId peer, string nameCase) => peer.IsChat
        ? (Ru ? (nameCase == "nom" ? $"беседа {Title(peer)}" : $"беседы {Title(peer)}") : Title(peer))
        : Ru ? nameCase switch
        {
            "ins" => $"диалог с {Name(peer.Value, "ins")}",
            "nom" => $"диалог с {Name(peer.Value, "ins")}",
            _ => $"диалога с {Name(peer.Value, "ins")}",
        } : $"the conversation with {Name(peer.Value)}";

    /// <summary>A chat as Russian says where something happens in it: «в беседе «Дача»» (prepositional).</summary>
    private string InChat(PeerId peer) => Chat(peer, "беседе");

    /// <summary>The word for a chat in the case the sentence needs (беседе, беседу, беседы), then its title (or its number when VK gave none).</summary>
    private string Chat(PeerId peer, string word) =>
        directory.ChatTitle(peer.Value) is { } title ? $"{word} «{title}»" : $"{word} {peer.ChatId?.ToString(CultureInfo.InvariantCulture)}";

    private string Title(PeerId peer) =>
        Ru ? $"«{directory.ChatTitle(peer.Value) ?? $"беседа {peer.ChatId?.ToString(CultureInfo.InvariantCulture)}"}»"
           : $"“{directory.ChatTitle(peer.Value) ?? $"chat {peer.ChatId?.ToString(CultureInfo.InvariantCulture)}"}”";

    private string Name(long id, string nameCase = "nom") =>
        id == directory.SelfId ? (Ru ? SelfRu(nameCase) : "you")
        : directory.User(id)?.In(nameCase) ?? (id < 0 ? $"club{-id}" : $"id{id}");

    private static string SelfRu(string nameCase) => nameCase switch { "gen" or "acc" => "вас", "dat" => "вам", "ins" => "вами", _ => "вы" };

    /// <summary>Russian past-tense verbs agree with the speaker: feminine, masculine, "(а)" when unknown, plural for "вы".</summary>
    private string Verb(long id, string male, string female) => id == directory.SelfId
        ? Plural(male)
        : directory.User(id)?.Sex switch
        {
            1 => female,
            2 => male,
            _ => male == female ? male : $"{male}(а)",
        };

    /// <summary>вошёл → вошли, вернулся → вернулись, создал → создали.</summary>
    private static string Plural(string male) => male switch
    {
        _ when male.EndsWith("ся", StringComparison.Ordinal) => male[..^2] + "ись",
        _ when male.EndsWith("ёл", StringComparison.Ordinal) => male[..^2] + "ли",
        _ when male.EndsWith('л') => male + "и",
        _ => male,
    };
}
