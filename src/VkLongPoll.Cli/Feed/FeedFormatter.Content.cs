using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>Message bodies, attachments, service actions and platforms.</summary>
internal sealed partial class FeedFormatter
{
    /// <summary>How much of a message's text a line shows: a screenful; the rest is counted, not printed (a 1 MB text would bury the feed).</summary>
    internal const int ShownCharacters = 2_000;

    /// <summary><paramref name="text"/> up to <see cref="ShownCharacters"/> (never half a character), then how much more there was.</summary>
    private string Capped(string text)
    {
        if (text.Length <= ShownCharacters)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[ShownCharacters - 1]) ? ShownCharacters - 1 : ShownCharacters;
        var more = text.Length - cut;
        return text[..cut] + (Ru ? $"… ещё {more} {RussianCount(more, "символ", "символа", "символов")}" : $"… {more} more character{(more == 1 ? "" : "s")}");
    }

    /// <summary>The Russian word for <paramref name="count"/> things: 1 символ, 2 символа, 5 символов, 11 символов, 21 символ.</summary>
    internal static string RussianCount(int count, string one, string few, string many) =>
        (count % 100) is >= 11 and <= 14 ? many : (count % 10) switch { 1 => one, 2 or 3 or 4 => few, _ => many };

    /// <summary>The text (or a placeholder) followed by the attachments as readable kinds.</summary>
    private string Body(LongPollMessage m)
    {
        var parts = new List<string>(2);
        if (!string.IsNullOrEmpty(m.Text))
        {
            parts.Add(Capped(m.Text));
        }
        else if (m.Flags.HasFlag(MessageFlags.DeletedForAll))
        {
            // VK gives nothing of a message deleted for everyone before it was seen (your own: its ids only).
            parts.Add(Ru ? "(удалено для всех раньше, чем вы его увидели)" : "(deleted for everyone before you saw it)");
        }
        else if (!m.IsComplete)
        {
            parts.Add(Ru ? "(текст недоступен)" : "(text not available)");
        }

        if (m.Attachments.Count > 0)
        {
            parts.Add(string.Join(" ", m.Attachments.Select(a => directory.AttachmentUrl(m, a) is { } url && a.Type != "link" ? $"[{AttachmentKind(a)}{AttachmentTitle(m, a)} {url}]" : $"[{AttachmentKind(a)}{AttachmentTitle(m, a)}]")));
        }

        if (m.Geo is not null)
        {
            parts.Add(Ru ? "[место на карте]" : "[location]");
        }

        if (m.ReplyToConversationMessageId is not null)
        {
            parts.Add(Ru ? "(ответ)" : "(reply)");
        }
        else if (m.Forwards is not null)
        {
            parts.Add(Ru ? "(пересланные сообщения)" : "(forwarded messages)");
        }

        return parts.Count == 0 ? (Ru ? "(без текста)" : "(no text)") : string.Join(" ", parts);
    }

    /// <summary>A document's, video's or song's title, quoted, when VK gave one: what the file is, before its link.</summary>
    private string AttachmentTitle(LongPollMessage m, MessageAttachment a) =>
        (a.Type is "video" or "audio" || (a.Type == "doc" && a.Kind is not ("audiomsg" or "graffiti"))) && directory.AttachmentTitle(m, a) is { Length: > 0 } title
            ? Ru ? $" «{title}»" : $" “{title}”"
            : string.Empty;

    private string AttachmentKind(MessageAttachment a) => (a.Type, a.Kind, Ru) switch
    {
        ("doc", "audiomsg", true) => "голосовое сообщение",
        ("doc", "audiomsg", false) => "voice message",
        ("doc", "graffiti", true) => "граффити",
        ("doc", "graffiti", false) => "graffiti",
        ("photo", _, true) => "фото",
        ("video", _, true) => "видео",
        ("audio", _, true) => "аудиозапись",
        ("doc", _, true) => "документ",
        ("sticker", _, true) => "стикер",
        ("wall", _, true) => "запись на стене",
        // A link remembered by the message store keeps its address as the attachment's URL (the snippet is not kept).
        ("link", _, true) => (a.Link?.Url ?? a.Url) is { } url ? $"ссылка {url}" : "ссылка",
        ("link", _, false) => (a.Link?.Url ?? a.Url) is { } url ? $"link {url}" : "link",
        ("gift", _, true) => "подарок",
        ("poll", _, true) => "опрос",
        ("call", _, true) => "звонок",
        ("story", _, true) => "история",
        ("doc", _, false) => "document",
        ("wall", _, false) => "wall post",
        (var type, _, _) => type,
    };

    private string ServiceAction(LongPollMessage m, ServiceAction action)
    {
        var actor = Author(m);
        var chat = m.PeerId is { } peer ? Title(peer) : string.Empty;
        var inChat = m.PeerId is { IsChat: true } place ? InChat(place) : chat;
        var member = action.MemberId ?? actor;
        return (action.Type, Ru) switch
        {
            ("chat_create", true) => $"{Name(actor)} {Verb(actor, "создал", "создала")} беседу «{action.Text}»",
            ("chat_create", false) => $"{Name(actor)} created the chat “{action.Text}”",
            ("chat_title_update", true) => (action.OldText ?? directory.PreviousTitle(m.PeerId?.Value ?? 0)) is { } old
                ? $"{Name(actor)} {Verb(actor, "переименовал", "переименовала")} беседу «{old}» в «{action.Text}»"
                : $"{Name(actor)} {Verb(actor, "переименовал", "переименовала")} беседу в «{action.Text}»",
            ("chat_title_update", false) => (action.OldText ?? directory.PreviousTitle(m.PeerId?.Value ?? 0)) is { } old
                ? $"{Name(actor)} renamed the chat “{old}” to “{action.Text}”"
                : $"{Name(actor)} renamed the chat to “{action.Text}”",
            ("chat_photo_update", true) => $"{Name(actor)} {Verb(actor, "обновил", "обновила")} фото беседы {chat}",
            ("chat_photo_update", false) => $"{Name(actor)} changed the photo of {chat}",
            ("chat_photo_remove", true) => $"{Name(actor)} {Verb(actor, "удалил", "удалила")} фото беседы {chat}",
            ("chat_photo_remove", false) => $"{Name(actor)} removed the photo of {chat}",
            ("chat_invite_user", true) when member == actor => $"{Name(actor)} {Verb(actor, "вернулся", "вернулась")} в {Chat(m.PeerId!.Value, "беседу")}",
            ("chat_invite_user", false) when member == actor => $"{Name(actor)} came back to {chat}",
            ("chat_invite_user", true) => $"{Name(actor)} {Verb(actor, "пригласил", "пригласила")} {Name(member, "acc")} в {Chat(m.PeerId!.Value, "беседу")}",
            ("chat_invite_user", false) => $"{Name(actor)} invited {Name(member)} to {chat}",
            ("chat_invite_user_by_link", true) => $"{Name(actor)} {Verb(actor, "присоединился", "присоединилась")} к {Chat(m.PeerId!.Value, "беседе")} по ссылке",
            ("chat_invite_user_by_link", false) => $"{Name(actor)} joined {chat} by link",
            ("chat_kick_user", true) when member == actor => $"{Name(actor)} {Verb(actor, "вышел", "вышла")} из {Chat(m.PeerId!.Value, "беседы")}",
            ("chat_kick_user", false) when member == actor => $"{Name(actor)} left {chat}",
            ("chat_kick_user", true) => $"{Name(actor)} {Verb(actor, "исключил", "исключила")} {Name(member, "acc")} из {Chat(m.PeerId!.Value, "беседы")}",
            ("chat_kick_user", false) => $"{Name(actor)} removed {Name(member)} from {chat}",
            // A pinned message without text (a photo, a sticker) comes with an empty source_message: no empty quotes then.
            ("chat_pin_message", true) when string.IsNullOrEmpty(action.Message) => $"{Name(actor)} {Verb(actor, "закрепил", "закрепила")} сообщение в {inChat}",
            ("chat_pin_message", false) when string.IsNullOrEmpty(action.Message) => $"{Name(actor)} pinned a message in {chat}",
            ("chat_pin_message", true) => $"{Name(actor)} {Verb(actor, "закрепил", "закрепила")} сообщение в {inChat}: «{action.Message}»",
            ("chat_pin_message", false) => $"{Name(actor)} pinned a message in {chat}: “{action.Message}”",
            ("chat_unpin_message", true) => $"{Name(actor)} {Verb(actor, "открепил", "открепила")} сообщение в {inChat}",
            ("chat_unpin_message", false) => $"{Name(actor)} unpinned a message in {chat}",
            ("accepted_message_request", true) => $"{Name(actor)} {Verb(actor, "принял", "приняла")} запрос на переписку",
            ("accepted_message_request", false) => $"{Name(actor)} accepted the message request",
            ("chat_screenshot", true) => $"{Name(member)} {Verb(member, "сделал", "сделала")} скриншот {(m.PeerId is { IsChat: true } shot ? Chat(shot, "беседы") : chat)}",
            ("chat_screenshot", false) => $"{Name(member)} took a screenshot of {chat}",
            (var type, true) => $"{Name(actor)}: служебное действие {type} в {inChat}",
            (var type, false) => $"{Name(actor)}: service action {type} in {chat}",
        };
    }

    private static string PlatformRu(Platform platform) => platform switch
    {
        Platform.Mobile => "с мобильного",
        Platform.IPhone => "с iPhone",
        Platform.IPad => "с iPad",
        Platform.Android => "с Android",
        Platform.WindowsPhone => "с Windows Phone",
        Platform.Windows => "с Windows",
        Platform.Web => "с компьютера",
        _ => "в сеть",
    };

    private static string PlatformEn(Platform platform) => platform switch
    {
        Platform.Mobile => " (mobile)",
        Platform.IPhone => " (iPhone)",
        Platform.IPad => " (iPad)",
        Platform.Android => " (Android)",
        Platform.WindowsPhone => " (Windows Phone)",
        Platform.Windows => " (Windows)",
        Platform.Web => " (web)",
        _ => string.Empty,
    };
}
