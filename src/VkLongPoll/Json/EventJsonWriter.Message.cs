using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>The fields of message events in the NDJSON output.</summary>
public sealed partial class EventJsonWriter
{
    private void WriteMessage(LongPollMessage m)
    {
        Number("message_id"u8, m.MessageId);
        Number("conversation_message_id"u8, m.ConversationMessageId);
        Number("minor_id"u8, m.MinorId);
        Number("peer_id"u8, m.PeerId?.Value);
        Number("from_id"u8, m.FromId);
        Number("timestamp"u8, m.Timestamp);
        WriteText(m.TextValue);

        _out.Number("flags"u8, (long)m.Flags);
        _out.Encoded("flag_names"u8, FlagNames(m.Flags));
        Bool("out"u8, m.IsOutgoing);
        Number("random_id"u8, m.RandomId);
        Number("update_time"u8, m.UpdateTime);
        _out.Bool("complete"u8, m.IsComplete);
        if (m.IsComplete || m.Attachments.Count > 0)
        {
            WriteAttachments(m.Attachments);
        }

        if (m.Action is { } action)
        {
            WriteAction(action);
        }

        String("fwd"u8, m.Forwards);
        Number("reply_conversation_message_id"u8, m.ReplyToConversationMessageId);
        if (m.Geo is { } geo)
        {
            _out.StartObject("geo"u8);
            _out.String("value"u8, geo.Value);
            String("provider"u8, geo.Provider);
            _out.EndObject();
        }

        WriteExtras(m.Extras);
    }

    private void WriteAttachments(IReadOnlyList<MessageAttachment> attachments)
    {
        _out.StartArray("attachments"u8);
        foreach (var a in attachments)
        {
            _out.StartObject();
            _out.String("type"u8, a.Type);
            _out.String("id"u8, a.Id);
            Number("owner_id"u8, a.OwnerId);
            Number("item_id"u8, a.ItemId);
            String("kind"u8, a.Kind);
            Number("product_id"u8, a.ProductId);
            // A link's own URL and title are its snippet's; other attachments have them from API objects, when known.
            String("url"u8, a.Link?.Url ?? a.Url);
            String("title"u8, a.Link?.Title ?? a.Title);
            if (a.Link is { } link)
            {
                String("description"u8, link.Description);
                String("photo"u8, link.PhotoId);
            }

            String("access_key"u8, a.AccessKey);
            String("amount"u8, a.Amount);
            String("currency"u8, a.Currency);
            if (a.Other is { Count: > 0 } other)
            {
                _out.StartObject("other"u8);
                WriteOther(other);
                _out.EndObject();
            }

            _out.EndObject();
        }

        _out.EndArray();
    }

    private void WriteAction(ServiceAction action)
    {
        _out.StartObject("action"u8);
        _out.String("type"u8, action.Type);
        Number("member_id"u8, action.MemberId);
        String("text"u8, action.Text);
        String("old_text"u8, action.OldText);
        String("message"u8, action.Message);
        Number("conversation_message_id"u8, action.ConversationMessageId);
        String("style"u8, action.Style);
        TrueOnly("is_channel"u8, action.IsChannel);
        _out.EndObject();
    }

    private void WriteExtras(MessageExtras x)
    {
        if (ReferenceEquals(x, MessageExtras.Empty))
        {
            return;
        }

        String("title"u8, x.Title);
        TrueOnly("emoji"u8, x.HasEmoji);
        Number("from_admin"u8, x.FromAdminId);
        TrueOnly("has_template"u8, x.HasTemplate);
        Raw("keyboard"u8, x.KeyboardJson);
        String("payload"u8, x.Payload);
        if (x.MarkedUsers.Count > 0)
        {
            _out.StartArray("marked_users"u8);
            foreach (var mark in x.MarkedUsers)
            {
                _out.StartObject();
                _out.Number("type"u8, mark.Type);
                String("target"u8, mark.Target);
                Numbers("user_ids"u8, mark.UserIds);
                _out.EndObject();
            }

            _out.EndArray();
        }

        if (x.Mentions.Count > 0)
        {
            Numbers("mentions"u8, x.Mentions);
        }

        Number("expire_ttl"u8, x.ExpireTtl);
        Number("ttl"u8, x.Ttl);
        TrueOnly("is_expired"u8, x.IsExpired);
        TrueOnly("is_translated"u8, x.IsTranslated);
        TrueOnly("is_silent"u8, x.IsSilent);
        Number("pinned_at"u8, x.PinnedAt);
        TrueOnly("is_cropped"u8, x.IsCropped);
        if (x.Reactions.Count > 0)
        {
            Reactions(x.Reactions);
        }

        String("ref_source"u8, x.RefSource);
        Number("attachments_count"u8, x.AttachmentsCount);
        String("attachments_json"u8, x.AttachmentsJson);
        if (x.Other is { Count: > 0 } other)
        {
            _out.StartObject("other"u8);
            WriteOther(other);
            _out.EndObject();
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
            _out.String(key, value);
        }
    }

    /// <summary>The <c>flag_names</c> array of a flags value, encoded once per value (a stream has few distinct ones).</summary>
    private byte[] FlagNames(MessageFlags flags)
    {
        if (!_flagNames.TryGetValue(flags, out var json))
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var name in MessageFlagNames.For(flags, _version))
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
            }

            json = buffer.WrittenSpan.ToArray();
            if (_flagNames.Count < 1024)
            {
                // Bounded: input with ever new flag values must not grow the cache without end.
                _flagNames[flags] = json;
            }
        }

        return json;
    }

    /// <summary>ChatInfoType.UserJoined → "user_joined"; numbers outside the enum → "unknown"; each computed once.</summary>
    private static string ChatInfoTypeName(ChatInfoType type) =>
        ChatInfoTypeNames.TryGetValue(type, out var name) ? name : ChatInfoTypeNames.GetOrAdd(type, SnakeCase);

    private static string SnakeCase(ChatInfoType type)
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

    /// <summary>A decoded text straight from its UTF-8 (unescaped on the bytes) when it can be; otherwise as its string.</summary>
    private void WriteText(MessageText? text)
    {
        if (text is null)
        {
            return;
        }

        if (_textScratch.Length < text.MaxUtf8Length)
        {
            _textScratch = new byte[Math.Max(text.MaxUtf8Length, _textScratch.Length * 2)];
        }

        if (text.TryGetUtf8(_textScratch, out var written))
        {
            _out.Utf8String("text"u8, _textScratch.AsSpan(0, written));
        }
        else
        {
            _out.String("text"u8, text.Value);
        }
    }
}
