using System.Globalization;
using System.Text.Json;
using VkLongPoll.Cli.Feed;
using VkLongPoll.Community;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Community;

/// <summary>
/// A community's events in plain words (English or Russian). The few fields a line needs are read from the event's own
/// object, so every type VK sends gets a line, typed or not.
/// </summary>
internal sealed class CommunityWords(FeedLanguage language, Func<long, VkUser?> user)
{
    private bool Ru => language == FeedLanguage.Russian;

    /// <summary>The user ids a batch's lines will name (for one <c>users.get</c> before they are shown).</summary>
    public static IEnumerable<long> UsersNamed(IEnumerable<LongPollEvent> events)
    {
        foreach (var e in events.OfType<CommunityEvent>())
        {
            if (Author(e) is { } id and > 0)
            {
                yield return id;
            }
        }
    }

    public string Describe(CommunityEvent e)
    {
        var who = Author(e) is { } id ? Name(id) : (Ru ? "кто-то" : "someone");
        var female = Author(e) is { } author && user(author)?.Sex == 1;
        return e switch
        {
            CommunityMessageNew m => (Ru ? "Сообщение сообществу от " : "Message to the community from ") + who + InChat(m.Message) + ": " + Text(m.Message),
            CommunityMessageReply m => (Ru ? "Сообщество ответило" : "The community replied") + Recipient(m.Message) + ": " + Text(m.Message),
            CommunityMessageEdit m => (Ru ? "Сообщение изменено" : "A message was edited") + Recipient(m.Message) + ": " + Text(m.Message),
            _ => e.Type switch
            {
                "message_typing_state" => Ru ? $"{who} печатает сообществу" : $"{who} is typing to the community",
                "message_allow" => Ru ? $"{who} {Verb(female, "разрешил", "разрешила")} сообщения от сообщества" : $"{who} allowed messages from the community",
                "message_deny" => Ru ? $"{who} {Verb(female, "запретил", "запретила")} сообщения от сообщества" : $"{who} denied messages from the community",
                "message_event" => Ru ? $"{who} {Verb(female, "нажал", "нажала")} кнопку" : $"{who} pressed a button",
                "message_reaction_event" => Ru ? $"{who} {Verb(female, "отреагировал", "отреагировала")} на сообщение" : $"{who} reacted to a message",
                "group_join" => Ru ? $"{who} {Verb(female, "вступил", "вступила")} в сообщество" : $"{who} joined the community",
                "group_leave" => Ru ? $"{who} {Verb(female, "покинул", "покинула")} сообщество" : $"{who} left the community",
                "user_block" => Ru ? $"{who} в чёрном списке сообщества" : $"{who} was blocked in the community",
                "user_unblock" => Ru ? $"{who} убран(а) из чёрного списка" : $"{who} was unblocked",
                "wall_post_new" => (Ru ? "Новая запись на стене" : "New post on the wall") + Said(e),
                "wall_repost" => Ru ? $"{who} {Verb(female, "поделился", "поделилась")} записью" : $"{who} shared a post",
                "wall_reply_new" => (Ru ? $"{who} {Verb(female, "прокомментировал", "прокомментировала")} запись" : $"{who} commented on a post") + Said(e),
                "like_add" => Ru ? $"{who} {Verb(female, "поставил", "поставила")} лайк" : $"{who} liked something of the community's",
                "like_remove" => Ru ? $"{who} {Verb(female, "убрал", "убрала")} лайк" : $"{who} took a like back",
                "photo_new" => Ru ? "Новая фотография в альбоме сообщества" : "A new photo in the community's album",
                _ => (Ru ? "Событие сообщества " : "Community event ") + e.Type,
            },
        };
    }

    /// <summary>Who an event is about: the message's author, else the object's <c>user_id</c>, <c>from_id</c>, <c>liker_id</c> or <c>reacted_id</c> (a reaction's).</summary>
    private static long? Author(CommunityEvent e) => e switch
    {
        CommunityMessageNew m => m.Message.FromId,
        CommunityMessageReply m => m.Message.PeerId is { } peer && peer.Value < 2_000_000_000 ? peer.Value : null,
        CommunityMessageEdit m => m.Message.PeerId is { } peer && peer.Value < 2_000_000_000 ? peer.Value : null,
        _ => Number(e.Object, "user_id") ?? Number(e.Object, "from_id") ?? Number(e.Object, "liker_id") ?? Number(e.Object, "reacted_id"),
    };

    private string Name(long id) => id < 0
        ? (Ru ? "сообщество " : "community ") + (-id).ToString(CultureInfo.InvariantCulture)
        : user(id) is { } known ? $"{known.FirstName} {known.LastName}" : "id" + id.ToString(CultureInfo.InvariantCulture);

    private string InChat(LongPollMessage message) =>
        message.PeerId is { } peer && peer.Value >= 2_000_000_000 ? (Ru ? " в беседе " : " in chat ") + (peer.Value - 2_000_000_000).ToString(CultureInfo.InvariantCulture) : string.Empty;

    private string Recipient(LongPollMessage message) => message.PeerId is { } peer
        ? peer.Value >= 2_000_000_000 ? InChat(message) : (Ru ? " — " : " to ") + Name(peer.Value)
        : string.Empty;

    private string Text(LongPollMessage message) =>
        message.Text is { Length: > 0 } text ? text : message.Attachments.Count > 0 ? (Ru ? "[вложение]" : "[attachment]") : (Ru ? "(пусто)" : "(empty)");

    private static string Said(CommunityEvent e) => Field(e.Object, "text") is { Length: > 0 } text ? ": " + text : string.Empty;

    private static string Verb(bool female, string male, string feminine) => female ? feminine : male;

    private static long? Number(string json, string name)
    {
        using var document = Parse(json);
        return document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
    }

    private static string? Field(string json, string name)
    {
        using var document = Parse(json);
        return document is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
