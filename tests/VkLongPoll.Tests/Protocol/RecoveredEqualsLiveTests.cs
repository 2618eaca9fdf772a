using System.Collections;
using System.Reflection;
using System.Text;
using VkLongPoll.Events;

namespace VkLongPoll.Tests.Protocol;

/// <summary>
/// The docs promise that a recovered message reads exactly like a live one. The same message, as the live 10004 tuple and as
/// the <c>messages_message</c> object of a history answer, is compared property by property through reflection: a property
/// added to <see cref="LongPollMessage"/> or <see cref="MessageExtras"/> later is compared too, unless it is listed here with
/// the reason VK gives it on one side only.
/// </summary>
public sealed class RecoveredEqualsLiveTests
{
    /// <summary>What only one side can carry, by VK's design.</summary>
    private static readonly Dictionary<string, string> OneSided = new(StringComparer.Ordinal)
    {
        ["LongPollMessage.IsComplete"] = "a live tuple is complete by its own measure; the API's object always",
        ["LongPollMessage.MinorId"] = "the conversation's sort key: only live (history tuples are short)",
        ["MessageAttachment.Url"] = "URLs come with API objects only (live attachments are kludges: type and id)",
        ["MessageAttachment.AccessKey"] = "the same: API objects only",
        ["MessageAttachment.Title"] = "the same: API objects only",
        ["MessageExtras.HasEmoji"] = "live only: messages_message has no emoji key",
        ["MessageExtras.IsTranslated"] = "live only (an event of the first translation)",
        ["MessageExtras.Reactions"] = "API only: live reactions come as event 601",
        ["MessageExtras.AttachmentsJson"] = "live only: VK's JSON string of sticker and voice objects in the kludges",
        ["MessageExtras.Other"] = "live only: keys of the additional object this library does not name",
        ["MessageExtras.Mentions"] = "version 3 only",
        ["MessageExtras.MarkedUsers"] = "live only: messages_message has no marked_users",
    };

    // One message with everything a bot author relies on: a keyboard, a payload, a pin, a crop, a time to live, an attachment.
    private const string Live = """
        {"ts":2,"pts":3,"updates":[[10004,59,1,1234572,100,1780051600,"hello &amp; bye",
          {"title":" ... ","from_admin":"55","payload":"{\"cmd\":1}","keyboard":{"one_time":false,"buttons":[[{"action":{"type":"text","label":"Yes"}}]]},
           "pinned_at":"1780051700","is_cropped":"1","expire_ttl":"86400","ttl":"60","is_expired":"1","is_silent":"1","ref_source":"ad","has_template":"1","attachments_count":"1",
           "emoji":"1"},
          {"attach1_type":"photo","attach1":"100_5","fwd":"0_0","reply":"{\"conversation_message_id\":58}"},777,1234572,1780051650]]}
        """;

    // The API's text is plain (Long Poll's is HTML-escaped); both read as "hello & bye".
    private const string Recovered = """
        {"response":{"history":[[10004,59,1,100]],
         "messages":{"count":1,"items":[{"id":1234572,"conversation_message_id":59,"peer_id":100,"from_id":100,"date":1780051600,"out":0,
           "text":"hello & bye","random_id":777,"update_time":1780051650,"title":" ... ","admin_author_id":55,"payload":"{\"cmd\":1}",
           "keyboard":{"one_time":false,"buttons":[[{"action":{"type":"text","label":"Yes"}}]]},"pinned_at":1780051700,"is_cropped":true,
           "expire_ttl":86400,"ttl":60,"is_expired":true,"is_silent":true,"ref_source":"ad","template":{"type":"carousel","elements":[]},
           "attachments":[{"type":"photo","photo":{"id":5,"owner_id":100,"access_key":"k","sizes":[{"url":"https://sun9-1.userapi.com/x.jpg","width":10,"height":10}]}}],
           "fwd_messages":[],"reply_message":{"conversation_message_id":58,"text":"q"},
           "reactions":[{"reaction_id":1,"count":2,"user_ids":[100,200]}],"deleted":0}]},
         "new_pts":3,"credentials":{"server":"im.vk.com/nim1","key":"k","ts":2,"pts":3}}}
        """;

    [Fact]
    public void ARecoveredMessage_CarriesEveryFieldTheLiveOneCarries()
    {
        var live = Assert.IsType<MessageNewEvent>(Assert.Single(TestData.Decoder().ReadResponse(Encoding.UTF8.GetBytes(Live)).Updates)).Message;
        var recovered = Assert.IsType<MessageNewEvent>(Assert.Single(TestData.Decoder().ReadHistory(Encoding.UTF8.GetBytes(Recovered)).Events)).Message;

        var differences = new List<string>();
        Compare(typeof(LongPollMessage), live, recovered, "message", differences);

        Assert.Empty(differences);
        // The one-sided list must not hide the fields this test is for.
        Assert.Equal("{\"cmd\":1}", recovered.Extras.Payload);
        Assert.Equal(1780051700, recovered.Extras.PinnedAt);
        Assert.True(recovered.Extras.IsCropped);
        Assert.Contains("\"label\":\"Yes\"", recovered.Extras.KeyboardJson, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(recovered.Extras.Reactions).Count);
    }

    [Fact]
    public void TheComparison_FindsAFieldThatDiffers()
    {
        var live = Assert.IsType<MessageNewEvent>(Assert.Single(TestData.Decoder().ReadResponse(Encoding.UTF8.GetBytes(Live)).Updates)).Message;
        var differences = new List<string>();

        Compare(typeof(LongPollMessage), live, live with { Extras = live.Extras with { Payload = "{}" } }, "message", differences);

        Assert.Equal(["message.Extras.Payload: live \"{\"cmd\":1}\", recovered \"{}\""], differences);
    }

    private static void Compare(Type type, object? live, object? recovered, string path, List<string> differences)
    {
        if (live is null || recovered is null || IsScalar(type))
        {
            if (!Equals(live, recovered))
            {
                differences.Add($"{path}: live {Show(live)}, recovered {Show(recovered)}");
            }

            return;
        }

        if (live is IEnumerable liveItems && recovered is IEnumerable recoveredItems)
        {
            var a = liveItems.Cast<object?>().ToList();
            var b = recoveredItems.Cast<object?>().ToList();
            if (a.Count != b.Count)
            {
                differences.Add($"{path}: live {a.Count} items, recovered {b.Count}");
                return;
            }

            for (var i = 0; i < a.Count; i++)
            {
                Compare(a[i]?.GetType() ?? typeof(object), a[i], b[i], $"{path}[{i}]", differences);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            if (OneSided.ContainsKey($"{type.Name}.{property.Name}"))
            {
                continue;
            }

            Compare(property.PropertyType, property.GetValue(live), property.GetValue(recovered), $"{path}.{property.Name}", differences);
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(PeerId);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? string.Empty,
    };
}
