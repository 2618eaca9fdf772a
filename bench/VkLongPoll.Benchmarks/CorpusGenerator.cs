using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace VkLongPoll.Benchmarks;

/// <summary>Builds a deterministic, realistic corpus of a_check answers with its own writer (not the decoder).</summary>
/// <remarks>
/// The mix follows what an active account sees: messages (long texts with HTML entities, Cyrillic and
/// emoji, chats with <c>from</c>, attachments, replies, service messages), typing bursts, counters,
/// reads, flag changes, edits and chat events.
/// </remarks>
public static class CorpusGenerator
{
    private static readonly string[] Words =
    [
        "привет", "как", "дела", "завтра", "встречаемся", "в", "10:00", "&quot;Дача", "2026&quot;", "ok", "&amp;",
        "&lt;3", "🙂", "https://vk.com/wall-1_2", "фото", "посмотри", "это", "Anna", "meeting", "tomorrow", "🔥",
    ];

    private static readonly string[] Acts = ["chat_create", "chat_title_update", "chat_invite_user", "chat_kick_user", "chat_pin_message"];

    /// <summary>Answers of version 19 (mode 1706 layouts) or version 3 (mode 234 layouts), in the proportions of <paramref name="profile"/> (<see cref="CorpusProfile.Chatty"/> by default).</summary>
    public static List<byte[]> Generate(int version, int responses, int seed = 42, CorpusProfile? profile = null)
    {
        profile ??= CorpusProfile.Chatty;
        var random = new Random(seed);
        var bodies = new List<byte[]>(responses);
        long ts = 1_780_000_000, pts = 10_000_000, messageId = 1_000_000, cmid = 1;
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        for (var r = 0; r < responses; r++)
        {
            var buffer = new ArrayBufferWriter<byte>(4096);
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                var count = random.Next(1, 40);
                json.WriteStartObject();
                json.WriteNumber("ts", ts += count);
                json.WriteNumber("pts", pts += count);
                json.WriteStartArray("updates");
                for (var u = 0; u < count; u++)
                {
                    WriteUpdate(json, random, profile, version, ++messageId, ++cmid);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            bodies.Add(buffer.WrittenSpan.ToArray());
        }

        return bodies;
    }

    /// <summary>Counts the events of a corpus without decoding it (for events/s).</summary>
    public static int CountEvents(IEnumerable<byte[]> bodies) =>
        bodies.Sum(body => JsonDocument.Parse(body).RootElement.GetProperty("updates").GetArrayLength());

    private static void WriteUpdate(Utf8JsonWriter json, Random random, CorpusProfile profile, int version, long messageId, long cmid)
    {
        var kind = profile.Kind(random.Next(100));
        var peer = random.Next(3) == 0 ? 2_000_000_000 + random.Next(1, 300) : random.Next(1_000_000, 900_000_000);
        json.WriteStartArray();
        switch (kind)
        {
            case < 40:
                WriteMessage(json, random, profile, version, version >= 19 ? 10004 : 4, messageId, cmid, peer);
                break;
            case < 45:
                WriteMessage(json, random, profile, version, version >= 19 ? 10005 : 5, messageId, cmid, peer);
                break;
            case < 62:
                json.WriteNumberValue(63);
                if (version < 10)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(random.Next(1_000_000, 900_000_000));
                    json.WriteEndArray();
                    json.WriteNumberValue(peer);
                }
                else
                {
                    json.WriteNumberValue(peer);
                    json.WriteStartArray();
                    json.WriteNumberValue(random.Next(1_000_000, 900_000_000));
                    json.WriteEndArray();
                }

                json.WriteNumberValue(1);
                json.WriteNumberValue(1_780_000_000 + random.Next(100_000));
                break;
            case < 75:
                json.WriteNumberValue(80);
                foreach (var value in version < 10 ? [random.Next(50), 0] : new[] { random.Next(50), random.Next(50), 0, 0, random.Next(50), random.Next(50), 0, 0, 0 })
                {
                    json.WriteNumberValue(value);
                }

                break;
            case < 85:
                json.WriteNumberValue((version >= 19 ? 10000 : 0) + 6 + random.Next(2));
                json.WriteNumberValue(peer);
                json.WriteNumberValue(version >= 19 ? cmid : messageId);
                json.WriteNumberValue(random.Next(10));
                break;
            case < 92:
                json.WriteNumberValue((version >= 19 ? 10000 : 0) + 2 + random.Next(2));
                json.WriteNumberValue(version >= 19 ? cmid : messageId);
                json.WriteNumberValue(random.Next(2) == 0 ? 128 : 131200);
                json.WriteNumberValue(peer);
                break;
            case < 96 when version < 10:
                json.WriteNumberValue(8 + random.Next(2));
                json.WriteNumberValue(-random.Next(1_000_000, 900_000_000));
                json.WriteNumberValue(random.Next(1, 8));
                json.WriteNumberValue(1_780_000_000 + random.Next(100_000));
                break;
            case < 96:
                json.WriteNumberValue(52);
                json.WriteNumberValue(random.Next(1, 9));
                json.WriteNumberValue(2_000_000_000 + random.Next(1, 300));
                json.WriteNumberValue(random.Next(1_000_000, 900_000_000));
                break;
            default:
                json.WriteNumberValue(114);
                json.WriteStartObject();
                json.WriteNumber("peer_id", peer);
                json.WriteNumber("sound", 1);
                json.WriteNumber("disabled_until", -1);
                json.WriteEndObject();
                break;
        }

        json.WriteEndArray();
    }

    private static void WriteMessage(Utf8JsonWriter json, Random random, CorpusProfile profile, int version, int code, long messageId, long cmid, long peer)
    {
        var isChat = peer > 2_000_000_000;
        json.WriteNumberValue(code);
        json.WriteNumberValue(version >= 19 ? cmid : messageId);
        json.WriteNumberValue(isChat ? 532481 : random.Next(2) == 0 ? 49 : 35);
        if (code == 10004)
        {
            json.WriteNumberValue(messageId);
        }

        json.WriteNumberValue(peer);
        json.WriteNumberValue(1_780_000_000 + random.Next(100_000));
        var service = isChat && random.Next(20) == 0;
        WriteVkString(json, service ? string.Empty : Text(random, profile));

        json.WriteStartObject();
        if (isChat)
        {
            WriteVkProperty(json, "from", random.Next(1_000_000, 900_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (version < 10)
        {
            WriteVkProperty(json, "title", " ... ");
        }

        if (service)
        {
            WriteVkProperty(json, "source_act", Acts[random.Next(Acts.Length)]);
            WriteVkProperty(json, "source_mid", "370926160");
            WriteVkProperty(json, "source_text", "Дача &quot;2026&quot;");
        }

        if (random.Next(10) == 0)
        {
            WriteVkProperty(json, "emoji", "1");
        }

        json.WriteEndObject();

        json.WriteStartObject();
        var attachments = random.Next(10) < profile.AttachmentTenths ? random.Next(1, profile.MaxAttachments + 1) : 0;
        for (var i = 1; i <= attachments; i++)
        {
            var kind = random.Next(4);
            WriteVkProperty(json, $"attach{i}_type", kind switch { 0 => "photo", 1 => "sticker", 2 => "doc", _ => "link" });
            WriteVkProperty(json, $"attach{i}", kind == 1 ? "12996" : $"{random.Next(1, 900_000_000)}_{random.Next(1, 500_000_000)}");
            if (kind == 1)
            {
                WriteVkProperty(json, $"attach{i}_product_id", "380");
            }
            else if (kind == 2)
            {
                WriteVkProperty(json, $"attach{i}_kind", "audiomsg");
            }
            else if (kind == 3)
            {
                WriteVkProperty(json, $"attach{i}_url", "https://habr.com/ru/articles/1/");
                WriteVkProperty(json, $"attach{i}_title", "Основы работы с LongPoll &amp; API");
            }
        }

        if (random.Next(8) == 0)
        {
            WriteVkProperty(json, "fwd", "0_0");
            WriteVkProperty(json, "reply", $"{{\"conversation_message_id\":{Math.Max(1, cmid - 3)}}}");
        }

        json.WriteEndObject();
        json.WriteNumberValue(random.Next(2) == 0 ? 0 : random.Next(int.MinValue, int.MaxValue));
        if (version >= 10)
        {
            json.WriteNumberValue(version >= 19 ? messageId : cmid);
            json.WriteNumberValue(code is 5 or 10005 ? 1_780_000_100 : 0);
        }
    }

    private static void WriteVkProperty(Utf8JsonWriter json, string name, string value)
    {
        json.WritePropertyName(name);
        WriteVkString(json, value);
    }

    /// <summary>
    /// Writes a string the way VK's servers do (see docs/protocol/real-payloads.md): UTF-8 as is, emoji
    /// included, and <c>/</c> escaped as <c>\/</c>; System.Text.Json's encoders would write emoji as
    /// <c>\uD83D\uDE42</c> pairs, which VK does not.
    /// </summary>
    private static void WriteVkString(Utf8JsonWriter json, string value)
    {
        var quoted = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '/': quoted.Append("\\/"); break;
                case '\n': quoted.Append("\\n"); break;
                case < ' ': quoted.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)); break;
                default: quoted.Append(c); break;
            }
        }

        json.WriteRawValue(quoted.Append('"').ToString(), skipInputValidation: false);
    }

    private static string Text(Random random, CorpusProfile profile)
    {
        var words = random.Next(profile.LongTextOneIn) == 0 ? random.Next(profile.LongTextWords.Min, profile.LongTextWords.Max) : random.Next(1, 15);
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(i > 0 ? (random.Next(15) == 0 ? "<br>" : " ") : string.Empty).Append(Words[random.Next(Words.Length)]);
        }

        return text.ToString();
    }
}
