using System.Text.Json;
using VkLongPoll.Events;
using VkLongPoll.Protocol.FastPath;

namespace VkLongPoll;

/// <summary>Reads a message's additional object and attachments object into a <see cref="MessageBuilder"/>.</summary>
/// <remarks>
/// Both objects go through the same key handler: VK's docs list some keys (emoji, from_admin,
/// source_*) under one object while captures show them in the other, and version 2 put
/// everything in one object. Unknown keys are kept in <see cref="MessageExtras.Other"/>.
/// </remarks>
internal static class KludgesReader
{
    /// <summary>Reads the object the reader stands on (at its StartObject) into <paramref name="message"/>; the reader ends on its EndObject.</summary>
    /// <param name="outer">A reader over <paramref name="json"/>, standing on the object's StartObject.</param>
    /// <param name="json">The bytes the reader reads.</param>
    /// <param name="baseOffset">Where <paramref name="json"/> starts in the whole input (for error offsets).</param>
    /// <param name="message">Receives the keys.</param>
    public static void Read(ref Utf8JsonReader outer, ReadOnlySpan<byte> json, long baseOffset, MessageBuilder message)
    {
        var reader = new ObjectReader(json, baseOffset, outer);
        Read(ref reader, message);
        outer = reader.Reader;
    }

    /// <summary>Reads an object of plain string values; false (some keys possibly set) when it is not one.</summary>
    public static bool TryReadPlain(ref PlainObject plain, MessageBuilder message)
    {
        Read(ref plain, message);
        return plain.IsComplete;
    }

    /// <summary>Reads every property of <paramref name="reader"/>'s object into <paramref name="message"/>.</summary>
    public static void Read<T>(ref T reader, MessageBuilder message)
        where T : IObjectValues, allows ref struct
    {
        while (reader.NextProperty())
        {
            var name = reader.NameBytes;
            if (name.StartsWith("attach"u8) && name.Length > 6 && IsDigit(name[6]))
            {
                ReadAttachmentKey(ref reader, name[6..], message);
            }
            else if (name.StartsWith("source_"u8))
            {
                ReadActionKey(ref reader, name, message.Fields.Action ??= new ServiceActionBuilder());
            }
            else
            {
                ReadMessageKey(ref reader, name, message);
            }
        }
    }

    private static void ReadMessageKey<T>(ref T reader, ReadOnlySpan<byte> name, MessageBuilder message)
        where T : IObjectValues, allows ref struct
    {
        switch (name)
        {
            case var _ when name.SequenceEqual("from"u8): message.Fields.From = reader.Int64("from"); break;
            case var _ when name.SequenceEqual("title"u8): message.Fields.Title = reader.Text("title"); break;
            case var _ when name.SequenceEqual("emoji"u8): message.Fields.HasEmoji = reader.Flag("emoji"); break;
            case var _ when name.SequenceEqual("from_admin"u8): message.Fields.FromAdminId = reader.Int64("from_admin"); break;
            case var _ when name.SequenceEqual("has_template"u8): message.Fields.HasTemplate = reader.Flag("has_template"); break;
            case var _ when name.SequenceEqual("keyboard"u8): message.Fields.KeyboardJson = reader.RawValueJson(); break;
            case var _ when name.SequenceEqual("payload"u8): message.Fields.Payload = reader.String("payload"); break;
            case var _ when name.SequenceEqual("marked_users"u8): message.Fields.MarkedUsers = ReadMarkedUsers(ref reader); break;
            case var _ when name.SequenceEqual("mentions"u8): message.Fields.Mentions = reader.Int64Array("mentions"); break;
            case var _ when name.SequenceEqual("expire_ttl"u8): message.Fields.ExpireTtl = reader.Int64("expire_ttl"); break;
            case var _ when name.SequenceEqual("ttl"u8): message.Fields.Ttl = reader.Int64("ttl"); break;
            case var _ when name.SequenceEqual("is_expired"u8): message.Fields.IsExpired = reader.Flag("is_expired"); break;
            case var _ when name.SequenceEqual("is_translated"u8): message.Fields.IsTranslated = reader.Flag("is_translated"); break;
            case var _ when name.SequenceEqual("is_silent"u8): message.Fields.IsSilent = reader.Flag("is_silent"); break;
            case var _ when name.SequenceEqual("pinned_at"u8): message.Fields.PinnedAt = reader.Int64("pinned_at"); break;
            case var _ when name.SequenceEqual("is_cropped"u8): message.Fields.IsCropped = reader.Flag("is_cropped"); break;
            case var _ when name.SequenceEqual("ref_source"u8): message.Fields.RefSource = reader.String("ref_source"); break;
            case var _ when name.SequenceEqual("fwd"u8): message.Fields.Forwards = reader.String("fwd"); break;
            case var _ when name.SequenceEqual("reply"u8): message.Fields.ReplyTo = ReadReply(ref reader); break;
            case var _ when name.SequenceEqual("geo"u8): message.Fields.Geo = reader.Raw(); break;
            case var _ when name.SequenceEqual("geo_provider"u8): message.Fields.GeoProvider = reader.Raw(); break;
            case var _ when name.SequenceEqual("attachments_count"u8):
                message.Fields.AttachmentsCount = JsonValues.ToInt32(reader.Int64("attachments_count"), reader.Offset, "attachments_count");
                break;
            case var _ when name.SequenceEqual("attachments"u8): message.Fields.AttachmentsJson = reader.Raw(); break;
            default:
                var key = reader.NameString;
                (message.Fields.Other ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = reader.Raw();
                break;
        }
    }

    private static void ReadActionKey<T>(ref T reader, ReadOnlySpan<byte> name, ServiceActionBuilder action)
        where T : IObjectValues, allows ref struct
    {
        switch (name)
        {
            case var _ when name.SequenceEqual("source_act"u8): action.Type = reader.String("source_act"); break;
            case var _ when name.SequenceEqual("source_mid"u8): action.MemberId = reader.Int64("source_mid"); break;
            case var _ when name.SequenceEqual("source_text"u8): action.Text = reader.Text("source_text"); break;
            case var _ when name.SequenceEqual("source_old_text"u8): action.OldText = reader.Text("source_old_text"); break;
            case var _ when name.SequenceEqual("source_message"u8): action.Message = reader.Text("source_message"); break;
            case var _ when name.SequenceEqual("source_chat_local_id"u8):
                action.ConversationMessageId = reader.Int64("source_chat_local_id");
                break;
            case var _ when name.SequenceEqual("source_style"u8): action.Style = reader.String("source_style"); break;
            case var _ when name.SequenceEqual("source_is_channel"u8): action.IsChannel = reader.Flag("source_is_channel"); break;
            default: reader.SkipValue(); break;
        }
    }

    private static void ReadAttachmentKey<T>(ref T reader, ReadOnlySpan<byte> afterPrefix, MessageBuilder message)
        where T : IObjectValues, allows ref struct
    {
        // afterPrefix is "{i}" or "{i}_{suffix}", e.g. "1_type", "3_product_id".
        var digits = afterPrefix.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        digits = digits < 0 ? afterPrefix.Length : digits;
        if (digits > 9 || !JsonValues.TryParseInt64(afterPrefix[..digits], out var number) || number <= 0)
        {
            throw reader.Error("attachment key has no valid number");
        }

        var attachment = message.Attachment((int)number);
        var suffix = afterPrefix[digits..];
        if (suffix.IsEmpty)
        {
            attachment.Id = reader.String("attach");
            return;
        }

        if (suffix[0] != (byte)'_')
        {
            throw reader.Error("attachment key is malformed");
        }

        suffix = suffix[1..];
        switch (suffix)
        {
            case var _ when suffix.SequenceEqual("type"u8): attachment.Type = reader.String("attach_type"); break;
            case var _ when suffix.SequenceEqual("kind"u8): attachment.Kind = reader.String("attach_kind"); break;
            case var _ when suffix.SequenceEqual("product_id"u8): attachment.ProductId = reader.Int64("attach_product_id"); break;
            case var _ when suffix.SequenceEqual("url"u8): attachment.Url = reader.String("attach_url"); break;
            case var _ when suffix.SequenceEqual("title"u8): attachment.Title = reader.Text("attach_title"); break;
            case var _ when suffix.SequenceEqual("desc"u8): attachment.Description = reader.Text("attach_desc"); break;
            case var _ when suffix.SequenceEqual("photo"u8): attachment.Photo = reader.String("attach_photo"); break;
            case var _ when suffix.SequenceEqual("amount"u8): attachment.Amount = reader.String("attach_amount"); break;
            case var _ when suffix.SequenceEqual("currency"u8): attachment.Currency = reader.String("attach_currency"); break;
            default:
                var key = JsonValues.RawText(suffix, reader.Offset);
                (attachment.Other ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = reader.Raw();
                break;
        }
    }

    /// <summary><c>reply</c> is a JSON string holding <c>{"conversation_message_id":N}</c>.</summary>
    private static long? ReadReply<T>(ref T reader)
        where T : IObjectValues, allows ref struct
    {
        var offset = reader.Offset;
        Span<byte> buffer = stackalloc byte[256];
        var written = reader.CopyString(buffer) ?? throw new LongPollProtocolException("reply must be a short JSON string", offset);
        if (written == 0)
        {
            return null;
        }

        try
        {
            var inner = new Utf8JsonReader(buffer[..written]);
            if (!inner.Read() || inner.TokenType != JsonTokenType.StartObject)
            {
                throw new LongPollProtocolException("reply must hold a JSON object", offset);
            }

            long? cmid = null;
            while (inner.Read() && inner.TokenType == JsonTokenType.PropertyName)
            {
                var isCmid = inner.ValueTextEquals("conversation_message_id"u8);
                inner.Read();
                if (isCmid)
                {
                    // Offsets inside the embedded JSON would not match the input: errors point at the reply string.
                    cmid = inner.TokenType == JsonTokenType.Number && JsonValues.TryParseInt64(inner.ValueSpan, out var number)
                        ? number
                        : throw new LongPollProtocolException("reply.conversation_message_id must be an integer", offset);
                }
                else
                {
                    inner.Skip();
                }
            }

            return cmid;
        }
        catch (JsonException e)
        {
            throw new LongPollProtocolException("reply holds invalid JSON", offset, e);
        }
    }

    /// <summary><c>marked_users</c>: <c>[[1,[ids]], [1,"all"], [2,"all"], [1,"online",[ids]]]</c>.</summary>
    private static List<MessageMark> ReadMarkedUsers<T>(ref T objectReader)
        where T : IObjectValues, allows ref struct
    {
        var bytes = objectReader.ValueBytes(out var baseOffset);
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        var marks = new List<MessageMark>(1);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LongPollProtocolException("marked_users must be an array", baseOffset + reader.TokenStartIndex);
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var entryOffset = baseOffset + reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                throw new LongPollProtocolException("a marked_users entry must be a non-empty array", entryOffset);
            }

            var type = JsonValues.ToInt32(ObjectReader.ReadInt64(ref reader, baseOffset, "marked_users type"), entryOffset, "marked_users type") ?? 0;
            string? target = null;
            var ids = new List<long>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        target = JsonValues.GetString(ref reader, baseOffset);
                        break;
                    case JsonTokenType.StartArray:
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            ids.Add(ObjectReader.ReadInt64(ref reader, baseOffset, "marked_users id"));
                        }

                        break;
                    case JsonTokenType.Number:
                        ids.Add(ObjectReader.ReadInt64(ref reader, baseOffset, "marked_users id"));
                        break;
                    default:
                        throw new LongPollProtocolException("a marked_users entry has an unexpected value", baseOffset + reader.TokenStartIndex);
                }
            }

            marks.Add(new MessageMark(type, target, ids));
        }

        return marks;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
