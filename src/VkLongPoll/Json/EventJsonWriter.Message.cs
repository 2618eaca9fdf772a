using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>The fields of message events in the NDJSON output.</summary>
public sealed partial class EventJsonWriter
{
    private void WriteMessage(LongPollMessage m)
    {
        Number("message_id", m.MessageId);
        Number("conversation_message_id", m.ConversationMessageId);
        Number("minor_id", m.MinorId);
        Number("peer_id", m.PeerId?.Value);
        Number("from_id", m.FromId);
        Number("timestamp", m.Timestamp);
        String("text", m.Text);
        _json.WriteNumber("flags", (long)m.Flags);
        _json.WriteStartArray("flag_names");
        foreach (var name in MessageFlagNames.For(m.Flags, _version))
        {
            _json.WriteStringValue(name);
        }

        _json.WriteEndArray();
        Bool("out", m.IsOutgoing);
        Number("random_id", m.RandomId);
        Number("update_time", m.UpdateTime);
        _json.WriteBoolean("complete", m.IsComplete);
        if (m.IsComplete || m.Attachments.Count > 0)
        {
            WriteAttachments(m.Attachments);
        }

        if (m.Action is { } action)
        {
            WriteAction(action);
        }

        String("fwd", m.Forwards);
        Number("reply_conversation_message_id", m.ReplyToConversationMessageId);
        if (m.Geo is { } geo)
        {
            _json.WriteStartObject("geo");
            _json.WriteString("value", geo.Value);
            String("provider", geo.Provider);
            _json.WriteEndObject();
        }

        WriteExtras(m.Extras);
    }

    private void WriteAttachments(IReadOnlyList<MessageAttachment> attachments)
    {
        _json.WriteStartArray("attachments");
        foreach (var a in attachments)
        {
            _json.WriteStartObject();
            _json.WriteString("type", a.Type);
            _json.WriteString("id", a.Id);
            Number("owner_id", a.OwnerId);
            Number("item_id", a.ItemId);
            String("kind", a.Kind);
            Number("product_id", a.ProductId);
            // A link's own URL and title are its snippet's; other attachments have them from API objects, when known.
            String("url", a.Link?.Url ?? a.Url);
            String("title", a.Link?.Title ?? a.Title);
            if (a.Link is { } link)
            {
                String("description", link.Description);
                String("photo", link.PhotoId);
            }

            String("access_key", a.AccessKey);
            String("amount", a.Amount);
            String("currency", a.Currency);
            if (a.Other is { Count: > 0 } other)
            {
                _json.WriteStartObject("other");
                WriteOther(other);
                _json.WriteEndObject();
            }

            _json.WriteEndObject();
        }

        _json.WriteEndArray();
    }

    private void WriteAction(ServiceAction action)
    {
        _json.WriteStartObject("action");
        _json.WriteString("type", action.Type);
        Number("member_id", action.MemberId);
        String("text", action.Text);
        String("old_text", action.OldText);
        String("message", action.Message);
        Number("conversation_message_id", action.ConversationMessageId);
        String("style", action.Style);
        TrueOnly("is_channel", action.IsChannel);
        _json.WriteEndObject();
    }

    private void WriteExtras(MessageExtras x)
    {
        if (ReferenceEquals(x, MessageExtras.Empty))
        {
            return;
        }

        String("title", x.Title);
        TrueOnly("emoji", x.HasEmoji);
        Number("from_admin", x.FromAdminId);
        TrueOnly("has_template", x.HasTemplate);
        Raw("keyboard", x.KeyboardJson);
        String("payload", x.Payload);
        if (x.MarkedUsers.Count > 0)
        {
            _json.WriteStartArray("marked_users");
            foreach (var mark in x.MarkedUsers)
            {
                _json.WriteStartObject();
                _json.WriteNumber("type", mark.Type);
                String("target", mark.Target);
                Numbers("user_ids", mark.UserIds);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }

        if (x.Mentions.Count > 0)
        {
            Numbers("mentions", x.Mentions);
        }

        Number("expire_ttl", x.ExpireTtl);
        Number("ttl", x.Ttl);
        TrueOnly("is_expired", x.IsExpired);
        TrueOnly("is_translated", x.IsTranslated);
        TrueOnly("is_silent", x.IsSilent);
        Number("pinned_at", x.PinnedAt);
        String("ref_source", x.RefSource);
        Number("attachments_count", x.AttachmentsCount);
        String("attachments_json", x.AttachmentsJson);
        if (x.Other is { Count: > 0 } other)
        {
            _json.WriteStartObject("other");
            WriteOther(other);
            _json.WriteEndObject();
        }
    }

    private void WriteOther(IReadOnlyDictionary<string, string>? other)
    {
        if (other is null)
        {
            return;
        }

        foreach (var (key, value) in other)
        {
            _json.WriteString(key, value);
        }
    }

    /// <summary>ChatInfoType.UserJoined → "user_joined"; numbers outside the enum → "unknown".</summary>
    private static string ChatInfoTypeName(ChatInfoType type)
    {
        var name = Enum.GetName(type);
        if (name is null)
        {
            return "unknown";
        }

        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
