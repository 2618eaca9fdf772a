using System.Buffers;
using System.Text.Json;

namespace VkLongPoll.Testing.Community;

/// <summary>A community event on the wire: an element of Bots Long Poll's <c>updates</c>, or a Callback API request body.</summary>
internal static class CommunityUpdate
{
    /// <summary>
    /// Bots Long Poll's update: <c>{"type", "event_id", "v", "object", "group_id"}</c> — dev.vk.com's Bots Long Poll page shows
    /// type, event_id, v, object in this order; where it puts group_id is not shown (the emulator puts it last).
    /// </summary>
    public static void WriteLongPoll(Utf8JsonWriter json, long groupId, CommunityEvent e, string apiVersion)
    {
        json.WriteStartObject();
        json.WriteString("type", e.Type);
        json.WriteString("event_id", e.EventId);
        json.WriteString("v", apiVersion);
        json.WritePropertyName("object");
        json.WriteRawValue(e.Object, skipInputValidation: true);
        json.WriteNumber("group_id", groupId);
        json.WriteEndObject();
    }

    /// <summary>
    /// A Callback API body: <c>{"group_id", "type", "event_id", "v", "object", "secret"}</c> (the order of VK's requests as logged
    /// by receivers; vk-api-schema <c>callback_base</c>). <c>secret</c> only when the server has one.
    /// </summary>
    public static byte[] Callback(long groupId, string type, string eventId, string apiVersion, byte[]? obj, string? secret)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            json.WriteStartObject();
            json.WriteNumber("group_id", groupId);
            json.WriteString("type", type);
            json.WriteString("event_id", eventId);
            json.WriteString("v", apiVersion);
            if (obj is not null)
            {
                json.WritePropertyName("object");
                json.WriteRawValue(obj, skipInputValidation: true);
            }

            if (!string.IsNullOrEmpty(secret))
            {
                json.WriteString("secret", secret);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The update as Bots Long Poll would carry it, as bytes (the journal's copy).</summary>
    public static byte[] LongPollBytes(long groupId, CommunityEvent e, string apiVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Wire.JsonOptions.Writer))
        {
            WriteLongPoll(json, groupId, e, apiVersion);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
