using System.Globalization;
using System.Text.Json;
using VkLongPoll.Testing.Model;

namespace VkLongPoll.Testing.Wire;

/// <summary>Message tuples and their additional and attachments objects.</summary>
internal static partial class UpdateEncoder
{
    /// <summary>
    /// v3: <c>[code, id, flags, peer, ts, text, {add}, {att}, random]</c>; v10 adds <c>cmid, update_time</c>;
    /// v19: <c>[code, cmid, flags, (minor,) peer, ts, text, {add}, {att}, random, id, update_time]</c>.
    /// In history the tuple is shortened to <c>[code, id, flags, peer]</c>.
    /// </summary>
    private static void WriteMessage(Utf8JsonWriter json, StoredMessage m, WireFormat f, int code, long flags)
    {
        var modern = f.Family == 19;
        json.WriteNumberValue(code);
        json.WriteNumberValue(modern ? m.ConversationMessageId : m.Id);
        json.WriteNumberValue(flags);
        if (f.History)
        {
            json.WriteNumberValue(m.PeerId);
            return;
        }

        if (code == 10004)
        {
            json.WriteNumberValue(m.Id); // minor_id: the sort key, which for a new message is its id
        }

        json.WriteNumberValue(m.PeerId);
        json.WriteNumberValue(m.Date);
        json.WriteStringValue(VkEscaping.Escape(m.Text));
        if (f.Attachments)
        {
            WriteAdditional(json, m, f);
            WriteAttachments(json, m, code);
        }

        if (f.RandomIds)
        {
            json.WriteNumberValue(m.RandomId);
        }

        if (f.Family >= 10)
        {
            json.WriteNumberValue(modern ? m.Id : m.ConversationMessageId);
            json.WriteNumberValue(m.UpdateTime);
        }
    }

    /// <summary>A live 10004 of a message already deleted for everyone: cmid, flags, minor_id; no peer (danyadev/longpoll-doc, version 19).</summary>
    private static void WriteShortNew(Utf8JsonWriter json, StoredMessage m)
    {
        json.WriteNumberValue(10004);
        json.WriteNumberValue(m.ConversationMessageId);
        json.WriteNumberValue(m.Flags);
        json.WriteNumberValue(m.Id); // minor_id, which for a new message is its id: the key to fetch it by
    }

    private static void WriteAdditional(Utf8JsonWriter json, StoredMessage m, WireFormat f)
    {
        json.WriteStartObject();
        if (m.PeerId > 2_000_000_000)
        {
            json.WriteString("from", m.FromId.ToString(CultureInfo.InvariantCulture));
        }
        else if (f.Family < 19)
        {
            json.WriteString("title", " ... ");
        }

        if (VkEscaping.HasEmoji(m.Text))
        {
            json.WriteString("emoji", "1");
        }

        if (m.Action is { } action)
        {
            json.WriteString("source_act", action.Type);
            if (action.MemberId is { } member)
            {
                json.WriteString("source_mid", member.ToString(CultureInfo.InvariantCulture));
            }

            if (action.Text is not null)
            {
                json.WriteString("source_text", VkEscaping.Escape(action.Text));
            }

            if (action.OldText is not null)
            {
                json.WriteString("source_old_text", VkEscaping.Escape(action.OldText));
            }

            if (action.Message is not null)
            {
                json.WriteString("source_message", VkEscaping.Escape(action.Message));
            }

            if (action.ConversationMessageId is { } cmid)
            {
                json.WriteString("source_chat_local_id", cmid.ToString(CultureInfo.InvariantCulture));
            }
        }

        json.WriteEndObject();
    }

    private static void WriteAttachments(Utf8JsonWriter json, StoredMessage m, int code)
    {
        json.WriteStartObject();
        var index = 0;
        foreach (var a in m.Attachments)
        {
            if (a.Type == "geo")
            {
                json.WriteString("geo", $"{a.OwnerId}_{a.ItemId}");
                json.WriteString("geo_provider", "4");
                continue;
            }

            var prefix = "attach" + (++index).ToString(CultureInfo.InvariantCulture);
            // The Long Poll names voice messages and graffiti "doc" with a kind.
            var (type, kind) = a.Type switch
            {
                "audio_message" => ("doc", "audiomsg"),
                "graffiti" => ("doc", "graffiti"),
                _ => (a.Type, (string?)null),
            };
            json.WriteString(prefix + "_type", type);
            json.WriteString(prefix, a.Type == "sticker" ? a.ItemId.ToString(CultureInfo.InvariantCulture) : $"{a.OwnerId}_{a.ItemId}");
            if (kind is not null)
            {
                json.WriteString(prefix + "_kind", kind);
            }

            if (a.ProductId is { } product)
            {
                json.WriteString(prefix + "_product_id", product.ToString(CultureInfo.InvariantCulture));
            }

            if (a.Url is not null)
            {
                json.WriteString(prefix + "_url", a.Url);
            }

            if (a.Title is not null)
            {
                json.WriteString(prefix + "_title", VkEscaping.Escape(a.Title));
            }

            if (a.Description is not null)
            {
                json.WriteString(prefix + "_desc", VkEscaping.Escape(a.Description));
            }
        }

        if (m.HasForwards)
        {
            json.WriteString("fwd", "0_0");
        }

        if (m.ReplyToConversationMessageId is { } reply && code is 4 or 10004 or 18 or 10018)
        {
            json.WriteString("reply", $"{{\"conversation_message_id\":{reply}}}");
        }

        if (index > 0)
        {
            json.WriteString("attachments_count", index.ToString(CultureInfo.InvariantCulture));
        }

        // Stickers and voice messages come also as API objects in a JSON string (the only place Long Poll has their URLs).
        if (ApiObjects.KludgeFor(m.Attachments) is { } kludge)
        {
            json.WriteString("attachments", kludge);
        }

        json.WriteEndObject();
    }
}
