using System.Text.Json;
using VkLongPoll.Testing.Hosting;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Api;

/// <summary>users.get, conversations, chats, messages, photos and docs, as VK's API objects (plain text, not escaped).</summary>
internal sealed partial class ApiEndpoint
{
    private static readonly HashSet<string> NameCases = ["nom", "gen", "dat", "acc", "ins", "abl"];

    private void UsersGet(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var ids = p.Int64List("user_ids") ?? throw ApiError.BadParameter("user_ids", "must be a list of ids");
        var nameCase = p["name_case"] ?? "nom";
        if (!NameCases.Contains(nameCase))
        {
            throw ApiError.BadParameter("name_case", "is not one of nom, gen, dat, acc, ins, abl");
        }

        if (ids.Count > 1000)
        {
            throw ApiError.BadParameter("user_ids", "has more than 1000 ids");
        }

        var fields = (p["fields"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        WriteUsers(json, ids.Count == 0 ? [account.Self.Id] : ids, nameCase, fields);
    }

    private void WriteProfiles(Utf8JsonWriter json, IEnumerable<long> ids, string nameCase, string[] fields)
    {
        json.WritePropertyName("profiles");
        WriteUsers(json, ids.Where(id => id > 0), nameCase, fields);
    }

    private void WriteUsers(Utf8JsonWriter json, IEnumerable<long> ids, string nameCase, string[] fields)
    {
        json.WriteStartArray();
        foreach (var id in ids)
        {
            if (!world.TryGetUser(id, out var user))
            {
                continue; // VK leaves out ids it does not know
            }

            var (first, last) = user.Names[nameCase];
            json.WriteStartObject();
            json.WriteNumber("id", user.Id);
            json.WriteString("first_name", first);
            json.WriteString("last_name", last);
            json.WriteBoolean("can_access_closed", true);
            json.WriteBoolean("is_closed", false);
            foreach (var field in fields)
            {
                switch (field)
                {
                    case "sex": json.WriteNumber("sex", user.Sex); break;
                    case "online": json.WriteNumber("online", user.Online ? 1 : 0); break;
                    case "photo_50" or "photo_100" or "photo_200":
                        json.WriteString(field, user.Photo(int.Parse(field.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture)));
                        break;
                    case "screen_name": json.WriteString("screen_name", $"id{user.Id}"); break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void GetConversationsById(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var peers = p.Int64List("peer_ids") ?? throw ApiError.BadParameter("peer_ids", "must be a list of ids");
        json.WriteStartObject();
        json.WriteNumber("count", peers.Count);
        json.WriteStartArray("items");
        foreach (var peer in peers)
        {
            WriteConversation(json, account, peer);
        }

        json.WriteEndArray();
        if (p.Flag("extended"))
        {
            var members = peers.SelectMany(peer => peer > 2_000_000_000 && account.Chats.TryGetValue(peer - 2_000_000_000, out var chat) ? chat.Members : [peer]);
            WriteProfiles(json, members.Distinct(), "nom", ["sex", "photo_100"]);
        }

        json.WriteEndObject();
    }

    private static void WriteConversation(Utf8JsonWriter json, Account account, long peer)
    {
        var conversation = account.ConversationWith(peer);
        json.WriteStartObject();
        json.WriteStartObject("peer");
        json.WriteNumber("id", peer);
        json.WriteString("type", peer > 2_000_000_000 ? "chat" : peer < 0 ? "group" : "user");
        json.WriteNumber("local_id", peer > 2_000_000_000 ? peer - 2_000_000_000 : Math.Abs(peer));
        json.WriteEndObject();
        json.WriteNumber("last_message_id", conversation.LastMessageId);
        json.WriteNumber("last_conversation_message_id", conversation.LastConversationMessageId);
        json.WriteNumber("in_read_cmid", conversation.InRead);
        json.WriteNumber("out_read_cmid", conversation.OutRead);
        if (peer > 2_000_000_000 && account.Chats.TryGetValue(peer - 2_000_000_000, out var chat))
        {
            json.WriteStartObject("chat_settings");
            json.WriteString("title", chat.Title);
            json.WriteNumber("members_count", chat.Members.Count);
            json.WriteNumber("owner_id", chat.AdminId);
            if (chat.Photo is not null)
            {
                json.WriteStartObject("photo");
                json.WriteString("photo_100", chat.Photo);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void GetChat(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var ids = p.Int64List("chat_ids") ?? throw ApiError.BadParameter("chat_ids", "must be a list of ids");
        var single = p.Int64("chat_id", 0) ?? throw ApiError.BadParameter("chat_id", "must be an integer");
        if (single > 0)
        {
            WriteChat(json, account.Chat(single));
            return;
        }

        json.WriteStartArray();
        foreach (var id in ids)
        {
            WriteChat(json, account.Chat(id));
        }

        json.WriteEndArray();
    }

    private static void WriteChat(Utf8JsonWriter json, EmulatedChat chat)
    {
        json.WriteStartObject();
        json.WriteNumber("id", chat.Id);
        json.WriteString("type", "chat");
        json.WriteString("title", chat.Title);
        json.WriteNumber("admin_id", chat.AdminId);
        json.WriteStartArray("users");
        foreach (var member in chat.Members)
        {
            json.WriteNumberValue(member);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void GetById(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var ids = p.Int64List("message_ids") ?? throw ApiError.BadParameter("message_ids", "must be a list of ids");
        var found = ids.Select(id => account.Messages.GetValueOrDefault(id)).OfType<StoredMessage>().ToList();
        json.WriteStartObject();
        json.WriteNumber("count", found.Count);
        json.WriteStartArray("items");
        foreach (var message in found)
        {
            WriteMessageObject(json, message);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMessageObject(Utf8JsonWriter json, StoredMessage m)
    {
        json.WriteStartObject();
        json.WriteNumber("id", m.Id);
        json.WriteNumber("date", m.Date);
        json.WriteNumber("peer_id", m.PeerId);
        json.WriteNumber("from_id", m.FromId);
        json.WriteString("text", m.Text);
        json.WriteNumber("out", m.Out ? 1 : 0);
        json.WriteNumber("conversation_message_id", m.ConversationMessageId);
        json.WriteNumber("random_id", m.RandomId);
        if (m.UpdateTime > 0)
        {
            json.WriteNumber("update_time", m.UpdateTime);
        }

        json.WriteBoolean("important", (m.Flags & Account.Important) != 0);
        if ((m.Flags & Account.Deleted) != 0)
        {
            json.WriteNumber("deleted", 1);
        }

        json.WriteStartArray("attachments");
        foreach (var a in m.Attachments)
        {
            json.WriteStartObject();
            json.WriteString("type", a.Type);
            json.WriteStartObject(a.Type);
            json.WriteNumber("id", a.ItemId);
            json.WriteNumber("owner_id", a.OwnerId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("fwd_messages");
        json.WriteEndArray();
        if (m.Action is { } action)
        {
            json.WriteStartObject("action");
            json.WriteString("type", action.Type);
            if (action.MemberId is { } member)
            {
                json.WriteNumber("member_id", member);
            }

            if (action.Text is not null)
            {
                json.WriteString("text", action.Text);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void PhotosGetById(Utf8JsonWriter json, RequestParameters p)
    {
        json.WriteStartArray();
        foreach (var (owner, id) in OwnerItemIds(p["photos"], "photos"))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteNumber("owner_id", owner);
            json.WriteStartArray("sizes");
            foreach (var (type, width) in new[] { ("s", 75), ("m", 130), ("x", 604) })
            {
                json.WriteStartObject();
                json.WriteString("type", type);
                json.WriteString("url", $"https://vk.example/photos/{owner}_{id}_{type}.jpg");
                json.WriteNumber("width", width);
                json.WriteNumber("height", width * 3 / 4);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void DocsGetById(Utf8JsonWriter json, RequestParameters p)
    {
        json.WriteStartArray();
        foreach (var (owner, id) in OwnerItemIds(p["docs"], "docs"))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteNumber("owner_id", owner);
            json.WriteString("title", $"doc{id}.ogg");
            json.WriteString("ext", "ogg");
            json.WriteNumber("type", 5);
            json.WriteString("url", $"https://vk.example/doc{owner}_{id}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static List<(long Owner, long Id)> OwnerItemIds(string? list, string name)
    {
        var items = new List<(long, long)>();
        foreach (var item in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('_');
            if (parts.Length < 2 || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var owner)
                || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                throw ApiError.BadParameter(name, "must be a list of owner_id_item_id");
            }

            items.Add((owner, id));
        }

        return items;
    }
}
