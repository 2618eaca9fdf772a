using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Wire;

/// <summary>
/// Attachments and messages as VK API objects (<c>messages.getById</c>, <c>getLongPollHistory</c>'s items, the Long Poll
/// <c>attachments</c> kludge): with access keys and URLs, as real VK writes them (vk-api-schema <c>messages_message</c>,
/// peers' fixtures; notes in docs/emulator.md). Long Poll itself carries only bare <c>owner_id_item_id</c>.
/// </summary>
internal static class ApiObjects
{
    /// <summary>The access key of an item: stable for the item, and needed to fetch a private one (photos.getById).</summary>
    public static string AccessKey(StoredAttachment a) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{a.Type}:{a.OwnerId}_{a.ItemId}")))[..18];

    /// <summary>One element of a message's <c>attachments</c>: <c>{"type": T, T: {…}}</c>. Geo is not one (it is the message's <c>geo</c>).</summary>
    public static void WriteAttachment(Utf8JsonWriter json, StoredAttachment a)
    {
        json.WriteStartObject();
        json.WriteString("type", a.Type);
        json.WritePropertyName(a.Type);
        WriteItem(json, a);
        json.WriteEndObject();
    }

    /// <summary>The item object itself (what photos.getById and docs.getById list).</summary>
    public static void WriteItem(Utf8JsonWriter json, StoredAttachment a)
    {
        var id = $"{a.OwnerId}_{a.ItemId}";
        json.WriteStartObject();
        switch (a.Type)
        {
            case "photo":
                Ids(json, a, withKey: true);
                json.WriteNumber("album_id", -3);
                json.WriteStartArray("sizes");
                foreach (var (type, width) in new[] { ("s", 75), ("m", 130), ("x", 604), ("y", 807), ("z", 1280) })
                {
                    json.WriteStartObject();
                    json.WriteString("type", type);
                    json.WriteString("url", $"https://sun9-1.userapi.com/impg/{id}_{type}.jpg?size={width}x{width * 3 / 4}&quality=95&type=album");
                    json.WriteNumber("width", width);
                    json.WriteNumber("height", width * 3 / 4);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("orig_photo");
                json.WriteString("url", $"https://sun9-1.userapi.com/impg/{id}_orig.jpg?size=1600x1200&quality=95&type=album");
                json.WriteNumber("width", 1600);
                json.WriteNumber("height", 1200);
                json.WriteEndObject();
                json.WriteString("text", string.Empty);
                break;
            case "video":
                Ids(json, a, withKey: true);
                json.WriteString("title", a.Title ?? "Видео " + a.ItemId.ToString(CultureInfo.InvariantCulture));
                json.WriteNumber("duration", 42);
                json.WriteStartArray("image");
                json.WriteStartObject();
                json.WriteString("url", $"https://sun9-2.userapi.com/impf/video{id}.jpg");
                json.WriteNumber("width", 800);
                json.WriteNumber("height", 450);
                json.WriteEndObject();
                json.WriteEndArray();
                break;
            case "audio":
                Ids(json, a, withKey: false);
                json.WriteString("artist", "Кино");
                json.WriteString("title", a.Title ?? "Группа крови");
                json.WriteNumber("duration", 285);
                json.WriteString("url", $"https://cs1-2v4.vkuseraudio.net/s/v1/acmp/audio{id}.mp3");
                break;
            case "doc":
                Ids(json, a, withKey: true);
                json.WriteString("title", a.Title ?? $"document{a.ItemId}.pdf");
                json.WriteString("ext", "pdf");
                json.WriteNumber("size", 48_213);
                json.WriteNumber("type", 1);
                json.WriteString("url", $"https://vk.com/doc{id}?hash={AccessKey(a)}&dl=1&api=1");
                break;
            case "audio_message":
                Ids(json, a, withKey: true);
                json.WriteNumber("duration", 7);
                json.WriteStartArray("waveform");
                foreach (var level in new[] { 0, 3, 9, 17, 25, 31, 22, 14, 6, 2 })
                {
                    json.WriteNumberValue(level);
                }

                json.WriteEndArray();
                json.WriteString("link_ogg", $"https://psv4.userapi.com/s/v1/amsg/{id}.ogg");
                json.WriteString("link_mp3", $"https://psv4.userapi.com/s/v1/amsg/{id}.mp3");
                break;
            case "graffiti":
                Ids(json, a, withKey: true);
                json.WriteString("url", $"https://sun9-3.userapi.com/impg/graffiti{id}.png");
                json.WriteNumber("width", 720);
                json.WriteNumber("height", 720);
                break;
            case "sticker":
                json.WriteNumber("product_id", a.ProductId ?? 1);
                json.WriteNumber("sticker_id", a.ItemId);
                WriteStickerImages(json, "images", a.ItemId, string.Empty);
                WriteStickerImages(json, "images_with_background", a.ItemId, "b");
                break;
            case "link":
                json.WriteString("url", a.Url ?? "https://vk.com");
                json.WriteString("title", a.Title ?? string.Empty);
                json.WriteString("caption", Uri.TryCreate(a.Url, UriKind.Absolute, out var uri) ? uri.Host : "vk.com");
                json.WriteString("description", a.Description ?? string.Empty);
                break;
            case "wall":
                json.WriteNumber("id", a.ItemId);
                json.WriteNumber("owner_id", a.OwnerId);
                json.WriteNumber("from_id", a.OwnerId);
                json.WriteNumber("date", 1_780_000_000);
                json.WriteString("text", a.Title ?? "Запись на стене");
                break;
            default:
                Ids(json, a, withKey: false);
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// A <c>messages_message</c>. A community's messages in a chat carry <c>"id": 0</c> (<paramref name="zeroIdInChats"/>): VK
    /// gives a bot no global id there, only <c>conversation_message_id</c> (vk-api-schema#40, vk-io#308).
    /// </summary>
    public static void WriteMessage(Utf8JsonWriter json, StoredMessage m, bool zeroIdInChats = false)
    {
        if ((m.Flags & Account.DeletedForAll) != 0)
        {
            // Your own message deleted for everyone: its ids, random_id and deleted, not what it said.
            m = m with { Text = string.Empty, Attachments = [] };
        }

        json.WriteStartObject();
        json.WriteNumber("id", zeroIdInChats && m.PeerId > 2_000_000_000 ? 0 : m.Id);
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
        if ((m.Flags & (Account.Deleted | Account.DeletedForAll)) != 0)
        {
            json.WriteNumber("deleted", 1);
        }

        json.WriteStartArray("attachments");
        foreach (var a in m.Attachments.Where(a => a.Type != "geo"))
        {
            WriteAttachment(json, a);
        }

        json.WriteEndArray();
        if (m.Attachments.FirstOrDefault(a => a.Type == "geo") is { } geo)
        {
            // In the API, a location is the message's own field, not an attachment.
            json.WriteStartObject("geo");
            json.WriteString("type", "point");
            json.WriteStartObject("coordinates");
            json.WriteNumber("latitude", geo.OwnerId / 1_000_000.0);
            json.WriteNumber("longitude", geo.ItemId / 1_000_000.0);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (m.ReplyToConversationMessageId is { } reply)
        {
            json.WriteStartObject("reply_message");
            json.WriteNumber("conversation_message_id", reply);
            json.WriteNumber("peer_id", m.PeerId);
            json.WriteEndObject();
        }

        json.WriteStartArray("fwd_messages");
        if (m.HasForwards)
        {
            // The model keeps only that there are forwards: one stands for them.
            json.WriteStartObject();
            json.WriteNumber("from_id", m.FromId);
            json.WriteNumber("date", m.Date);
            json.WriteString("text", string.Empty);
            json.WriteEndObject();
        }

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

            if (action.Message is not null)
            {
                json.WriteString("message", action.Message);
            }

            if (action.ConversationMessageId is { } pinned)
            {
                json.WriteNumber("conversation_message_id", pinned);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The <c>attachments</c> kludge of a Long Poll message: the API objects of its stickers and voice messages only, as a JSON string (what vk-io reads voice messages from).</summary>
    public static string? KludgeFor(IReadOnlyList<StoredAttachment> attachments)
    {
        if (!attachments.Any(a => a.Type is "sticker" or "audio_message"))
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            json.WriteStartArray();
            foreach (var a in attachments.Where(a => a.Type is "sticker" or "audio_message"))
            {
                WriteAttachment(json, a);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Ids(Utf8JsonWriter json, StoredAttachment a, bool withKey)
    {
        json.WriteNumber("id", a.ItemId);
        json.WriteNumber("owner_id", a.OwnerId);
        if (withKey)
        {
            json.WriteString("access_key", AccessKey(a));
        }
    }

    private static void WriteStickerImages(Utf8JsonWriter json, string name, long stickerId, string background)
    {
        json.WriteStartArray(name);
        foreach (var size in new[] { 64, 128, 256, 352, 512 })
        {
            json.WriteStartObject();
            json.WriteString("url", $"https://vk.com/sticker/1-{stickerId}-{size}{background}");
            json.WriteNumber("width", size);
            json.WriteNumber("height", size);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
