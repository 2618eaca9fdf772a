using System.Globalization;
using System.Text.Json;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>
/// VK API message objects (<c>messages_message</c>: history items, <c>messages.getById</c>) and their attachments, read into the
/// same records as Long Poll events, so a message recovered after a gap reads exactly like one that arrived live.
/// </summary>
/// <remarks>
/// Attachments keep Long Poll's naming (voice messages and graffiti are <c>doc</c> with kind <c>audiomsg</c>/<c>graffiti</c>; ids
/// are <c>owner_item</c>, a sticker's its id) and add what only the API gives: <see cref="MessageAttachment.Url"/>,
/// <see cref="MessageAttachment.AccessKey"/>, <see cref="MessageAttachment.Title"/>. Off the hot path: a DOM is fine here.
/// </remarks>
internal static class ApiObjectReader
{
    /// <summary>A <c>messages_message</c> object as a complete <see cref="LongPollMessage"/>.</summary>
    /// <exception cref="LongPollProtocolException">It is not an object or has no numeric <c>id</c>.</exception>
    public static LongPollMessage Message(JsonElement item, long offset)
    {
        try
        {
            return ReadMessage(item, offset);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not valid UTF-8, a value of an unexpected kind: the protocol's one error type, never a crash.
            throw new LongPollProtocolException("a message item could not be read: " + e.Message, offset, e);
        }
    }

    private static LongPollMessage ReadMessage(JsonElement item, long offset)
    {
        if (item.ValueKind != JsonValueKind.Object || Number(item, "id") is not { } id)
        {
            throw new LongPollProtocolException("a message item must be an object with an integer id", offset);
        }

        var peer = Number(item, "peer_id") ?? Number(item, "user_id");
        var isOut = Number(item, "out") is { } o ? o != 0 : (bool?)null;
        var flags = (isOut == true ? MessageFlags.Outbox : MessageFlags.None) | (Number(item, "important") == 1 ? MessageFlags.Important : MessageFlags.None);
        var attachments = item.TryGetProperty("attachments", out var list) ? Attachments(list) : [];
        var geo = item.TryGetProperty("geo", out var place) && place.ValueKind == JsonValueKind.Object ? Geo(place) : null;
        return new LongPollMessage
        {
            MessageId = id,
            ConversationMessageId = Number(item, "conversation_message_id"),
            Flags = flags,
            PeerId = peer is { } p ? new PeerId(p) : null,
            FromId = Number(item, "from_id"),
            IsOutgoing = isOut,
            Timestamp = Number(item, "date"),
            Text = String(item, "text") ?? String(item, "body") ?? string.Empty,
            RandomId = Number(item, "random_id"),
            UpdateTime = Number(item, "update_time"),
            IsComplete = true,
            Action = item.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object ? Action(action) : null,
            Attachments = attachments,
            // Live Long Poll says "0_0" for forwarded messages or a reply alike (version 10+): the same here.
            Forwards = (item.TryGetProperty("fwd_messages", out var forwards) && forwards.ValueKind == JsonValueKind.Array && forwards.GetArrayLength() > 0)
                || (item.TryGetProperty("reply_message", out var replied) && replied.ValueKind == JsonValueKind.Object)
                ? "0_0"
                : null,
            ReplyToConversationMessageId = item.TryGetProperty("reply_message", out var reply) && reply.ValueKind == JsonValueKind.Object ? Number(reply, "conversation_message_id") : null,
            Geo = geo,
            Extras = Extras(item, attachments.Length),
        };
    }

    /// <summary>
    /// The keys of <c>messages_message</c> that a live message carries in its additional object: a recovered message keeps
    /// its keyboard, payload, pin and the rest (the reflection test in ApiObjectReaderTests holds the two side by side).
    /// </summary>
    private static MessageExtras Extras(JsonElement item, int attachments)
    {
        var extras = new MessageExtras
        {
            Title = String(item, "title") is { Length: > 0 } title ? title : null,
            FromAdminId = Number(item, "admin_author_id"),
            HasTemplate = item.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.Object,
            KeyboardJson = item.TryGetProperty("keyboard", out var keyboard) && keyboard.ValueKind == JsonValueKind.Object ? keyboard.GetRawText() : null,
            Payload = String(item, "payload"),
            ExpireTtl = Number(item, "expire_ttl"),
            Ttl = Number(item, "ttl"),
            IsExpired = Number(item, "is_expired") == 1,
            IsSilent = Number(item, "is_silent") == 1,
            PinnedAt = Number(item, "pinned_at"),
            IsCropped = Number(item, "is_cropped") == 1,
            Reactions = item.TryGetProperty("reactions", out var reactions) && reactions.ValueKind == JsonValueKind.Array ? Reactions(reactions) : [],
            RefSource = String(item, "ref_source"),
            AttachmentsCount = attachments > 0 ? attachments : null,
        };
        var anything = extras.Title is not null || extras.FromAdminId is not null || extras.HasTemplate || extras.KeyboardJson is not null
            || extras.Payload is not null || extras.ExpireTtl is not null || extras.Ttl is not null || extras.IsExpired || extras.IsSilent
            || extras.PinnedAt is not null || extras.IsCropped || extras.Reactions.Count > 0 || extras.RefSource is not null || extras.AttachmentsCount is not null;
        return anything ? extras : MessageExtras.Empty;
    }

    /// <summary><c>reactions</c>: <c>[{reaction_id, count, user_ids}]</c>.</summary>
    private static ReactionCount[] Reactions(JsonElement list)
    {
        var read = new List<ReactionCount>(list.GetArrayLength());
        foreach (var entry in list.EnumerateArray())
        {
            if (Number(entry, "reaction_id") is { } id && Number(entry, "count") is { } count)
            {
                var users = entry.TryGetProperty("user_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                    ? ids.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.Number && u.TryGetInt64(out _)).Select(u => u.GetInt64()).ToArray()
                    : [];
                read.Add(new ReactionCount((int)id, (int)count, users));
            }
        }

        return [.. read];
    }

    /// <summary>An <c>attachments</c> array (API objects; also the Long Poll <c>attachments</c> kludge), numbered from 1 in order.</summary>
    public static MessageAttachment[] Attachments(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var read = new List<MessageAttachment>(list.GetArrayLength());
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && String(entry, "type") is { } type && entry.TryGetProperty(type, out var body) && body.ValueKind == JsonValueKind.Object)
            {
                read.Add(Attachment(read.Count + 1, type, body));
            }
        }

        return [.. read];
    }

    private static MessageAttachment Attachment(int index, string type, JsonElement o)
    {
        var owner = Number(o, "owner_id");
        var item = Number(o, "id");
        var id = owner is { } ow && item is { } it ? string.Create(CultureInfo.InvariantCulture, $"{ow}_{it}") : string.Empty;
        var key = String(o, "access_key");
        return type switch
        {
            "photo" => new MessageAttachment { Index = index, Type = type, Id = id, AccessKey = key, Url = LargestPhoto(o) },
            "video" => new MessageAttachment { Index = index, Type = type, Id = id, AccessKey = key, Title = String(o, "title"), Url = string.Create(CultureInfo.InvariantCulture, $"https://vk.com/video{id}") },
            "audio" => new MessageAttachment { Index = index, Type = type, Id = id, Title = Join(String(o, "artist"), String(o, "title")), Url = String(o, "url") },
            "doc" => new MessageAttachment { Index = index, Type = type, Id = id, AccessKey = key, Title = String(o, "title"), Url = String(o, "url") },
            "audio_message" => new MessageAttachment { Index = index, Type = "doc", Kind = "audiomsg", Id = id, AccessKey = key, Url = String(o, "link_mp3") ?? String(o, "link_ogg") },
            "graffiti" => new MessageAttachment { Index = index, Type = "doc", Kind = "graffiti", Id = id, AccessKey = key, Url = String(o, "url") },
            "sticker" => new MessageAttachment
            {
                Index = index,
                Type = type,
                Id = Number(o, "sticker_id")?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                ProductId = Number(o, "product_id"),
                Url = Largest(o, "images_with_background") ?? Largest(o, "images")
                    ?? (Number(o, "sticker_id") is { } sticker ? string.Create(CultureInfo.InvariantCulture, $"https://vk.com/sticker/1-{sticker}-512b") : null),
            },
            "link" => new MessageAttachment
            {
                Index = index,
                Type = type,
                Id = String(o, "url") ?? string.Empty,
                Url = String(o, "url"),
                Title = String(o, "title"),
                Link = new LinkSnippet(String(o, "url"), String(o, "title"), String(o, "description"), o.TryGetProperty("photo", out var photo) && photo.ValueKind == JsonValueKind.Object ? Join(Number(photo, "owner_id"), Number(photo, "id")) : null),
            },
            "wall" => new MessageAttachment { Index = index, Type = type, Id = Join(Number(o, "owner_id") ?? Number(o, "to_id") ?? Number(o, "from_id"), item) ?? id, Url = Join(Number(o, "owner_id") ?? Number(o, "to_id") ?? Number(o, "from_id"), item) is { } post ? $"https://vk.com/wall{post}" : null },
            "poll" => new MessageAttachment { Index = index, Type = type, Id = id, Title = String(o, "question"), Url = id.Length > 0 ? $"https://vk.com/poll{id}" : null },
            "gift" => new MessageAttachment { Index = index, Type = type, Id = item?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, Url = String(o, "thumb_256") ?? String(o, "thumb_96") },
            "market" => new MessageAttachment { Index = index, Type = type, Id = id, Title = String(o, "title"), Url = id.Length > 0 ? $"https://vk.com/product{id}" : null },
            "story" => new MessageAttachment { Index = index, Type = type, Id = id, AccessKey = key, Url = id.Length > 0 ? $"https://vk.com/story{id}" : null },
            _ => new MessageAttachment { Index = index, Type = type, Id = id, AccessKey = key, Url = String(o, "url") },
        };
    }

    private static ServiceAction? Action(JsonElement o) => String(o, "type") is { } type
        ? new ServiceAction
        {
            Type = type,
            MemberId = Number(o, "member_id"),
            Text = String(o, "text"),
            Message = String(o, "message"),
            ConversationMessageId = Number(o, "conversation_message_id"),
            Style = String(o, "style"),
        }
        : null;

    private static MessageGeo? Geo(JsonElement o) =>
        o.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("latitude", out var lat) && lat.ValueKind == JsonValueKind.Number && lat.TryGetDouble(out var latitude)
            && c.TryGetProperty("longitude", out var lon) && lon.ValueKind == JsonValueKind.Number && lon.TryGetDouble(out var longitude)
            ? new MessageGeo(string.Create(CultureInfo.InvariantCulture, $"{latitude},{longitude}"), null)
            : null;

    /// <summary>The largest of a photo's <c>sizes</c> (by area; <c>orig_photo</c> when given).</summary>
    private static string? LargestPhoto(JsonElement photo) =>
        photo.TryGetProperty("orig_photo", out var original) && original.ValueKind == JsonValueKind.Object && String(original, "url") is { } url
            ? url
            : Largest(photo, "sizes");

    private static string? Largest(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var images) || images.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string? best = null;
        long bestArea = -1;
        foreach (var image in images.EnumerateArray())
        {
            var area = (Number(image, "width") ?? 0) * (Number(image, "height") ?? 0);
            if (String(image, "url") is { } url && area > bestArea)
            {
                (best, bestArea) = (url, area);
            }
        }

        return best;
    }

    private static string? Join(string? artist, string? title) =>
        artist is { Length: > 0 } && title is { Length: > 0 } ? $"{artist} — {title}" : title ?? artist;

    private static string? Join(long? owner, long? item) =>
        owner is { } o && item is { } i ? string.Create(CultureInfo.InvariantCulture, $"{o}_{i}") : null;

    private static long? Number(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var number) => number,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                _ => null,
            }
            : null;

    private static string? String(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
