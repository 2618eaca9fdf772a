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
        WriteUsers(json, ids.Count == 0 ? [account.Self.Id] : ids, nameCase, fields, p["lang"]);
    }

    /// <summary>
    /// <c>friends.getOnline</c>: the account's friends online now, from the model's presence; with <c>online_mobile=1</c> as
    /// <c>{online, online_mobile}</c> (those on a phone in the second list only, as VK's fixtures show).
    /// </summary>
    /// <summary>friends.get without fields, as VK answers it: <c>{"count": N, "items": [ids]}</c>, <c>offset</c>/<c>count</c> (at most 5000).</summary>
    private static void FriendsGet(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var offset = (int)Math.Max(0, p.Int64("offset", 0) ?? 0);
        var count = (int)Math.Clamp(p.Int64("count", 5000) ?? 5000, 0, 5000);
        json.WriteStartObject();
        json.WriteNumber("count", account.Friends.Count);
        json.WriteStartArray("items");
        foreach (var id in account.Friends.Skip(offset).Take(count))
        {
            json.WriteNumberValue(id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void FriendsGetOnline(Utf8JsonWriter json, RequestParameters p, Account account)
    {
        var online = account.Friends.Select(world.User).Where(u => u.Online).ToList();
        if (!p.Flag("online_mobile"))
        {
            json.WriteStartArray();
            online.ForEach(u => json.WriteNumberValue(u.Id));
            json.WriteEndArray();
            return;
        }

        json.WriteStartObject();
        json.WriteStartArray("online");
        online.Where(u => !u.OnMobile).ToList().ForEach(u => json.WriteNumberValue(u.Id));
        json.WriteEndArray();
        json.WriteStartArray("online_mobile");
        online.Where(u => u.OnMobile).ToList().ForEach(u => json.WriteNumberValue(u.Id));
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteProfiles(Utf8JsonWriter json, IEnumerable<long> ids, string nameCase, string[] fields)
    {
        json.WritePropertyName("profiles");
        WriteUsers(json, ids.Where(id => id > 0), nameCase, fields, lang: null);
    }

    private void WriteUsers(Utf8JsonWriter json, IEnumerable<long> ids, string nameCase, string[] fields, string? lang)
    {
        json.WriteStartArray();
        foreach (var id in ids)
        {
            if (!world.TryGetUser(id, out var user))
            {
                continue; // VK leaves out ids it does not know
            }

            var (first, last) = user.Names[nameCase];
            if (!Transliteration.IsCyrillic(lang))
            {
                (first, last) = (Transliteration.ToLatin(first), Transliteration.ToLatin(last));
            }

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
                    case "online":
                        json.WriteNumber("online", user.Online ? 1 : 0);
                        if (user.Online && user.OnMobile)
                        {
                            json.WriteNumber("online_mobile", 1);
                        }

                        break;
                    case "last_seen" when user.LastSeen > 0:
                        json.WriteStartObject("last_seen");
                        json.WriteNumber("time", user.LastSeen);
                        json.WriteNumber("platform", user.Platform is >= 1 and <= 7 ? user.Platform : 7);
                        json.WriteEndObject();
                        break;
                    case "photo_50" or "photo_100" or "photo_200":
                        json.WriteString(field, user.Photo(int.Parse(field.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture)));
                        break;
                    case "screen_name": json.WriteString("screen_name", $"id{user.Id}"); break;
                    case ['f', 'i', 'r', 's', 't', '_', 'n', 'a', 'm', 'e', '_', ..] or ['l', 'a', 's', 't', '_', 'n', 'a', 'm', 'e', '_', ..]
                        when NameCases.Contains(field[(field.LastIndexOf('_') + 1)..]):
                        // users_user_full's first_name_{case} / last_name_{case}: every case in one call.
                        var (caseFirst, caseLast) = user.Names[field[(field.LastIndexOf('_') + 1)..]];
                        var name = field.StartsWith("first", StringComparison.Ordinal) ? caseFirst : caseLast;
                        json.WriteString(field, Transliteration.IsCyrillic(lang) ? name : Transliteration.ToLatin(name));
                        break;
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
        if (ids.Count > 100)
        {
            throw ApiError.BadParameter("message_ids", "is too long: at most 100 ids");
        }
        var found = ids.Select(id => account.Messages.GetValueOrDefault(id)).OfType<StoredMessage>().Where(IsVisible).ToList();
        json.WriteStartObject();
        json.WriteNumber("count", found.Count);
        json.WriteStartArray("items");
        foreach (var message in found)
        {
            Wire.ApiObjects.WriteMessage(json, message, account.IsCommunity);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// What VK still gives of a message deleted for everyone: only your own, with <c>deleted: 1</c> and its <c>random_id</c>
    /// (danyadev/longpoll-doc on the short 10004: "if the message was someone else's, the API returns an error").
    /// </summary>
    private static bool IsVisible(StoredMessage m) => (m.Flags & Account.DeletedForAll) == 0 || m.Out;

    /// <summary>
    /// <c>photos.getById</c>: only photos asked for with their access key (<c>owner_id_id_access_key</c>). VK's method text: private
    /// photos without the key "will not be received" — and a photo in a message is private; Long Poll gives no keys.
    /// </summary>
    private static void PhotosGetById(Utf8JsonWriter json, RequestParameters p) => WriteItemsWithKeys(json, p["photos"], "photos", "photo");

    /// <summary><c>docs.getById</c>: like photos, only with the access key (VK says nothing of keys here; the stricter reading).</summary>
    private static void DocsGetById(Utf8JsonWriter json, RequestParameters p) => WriteItemsWithKeys(json, p["docs"], "docs", "doc");

    private static void WriteItemsWithKeys(Utf8JsonWriter json, string? list, string parameter, string type)
    {
        json.WriteStartArray();
        foreach (var (owner, id, key) in OwnerItemIds(list, parameter))
        {
            var item = new StoredAttachment(type, owner, id);
            if (key == Wire.ApiObjects.AccessKey(item))
            {
                Wire.ApiObjects.WriteItem(json, item);
            }
        }

        json.WriteEndArray();
    }

    private static List<(long Owner, long Id, string? Key)> OwnerItemIds(string? list, string name)
    {
        var items = new List<(long, long, string?)>();
        foreach (var item in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('_');
            if (parts.Length < 2 || !long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var owner)
                || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                throw ApiError.BadParameter(name, "must be a list of owner_id_item_id");
            }

            items.Add((owner, id, parts.Length > 2 ? parts[2] : null));
        }

        return items;
    }
}
