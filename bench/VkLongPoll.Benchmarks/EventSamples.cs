namespace VkLongPoll.Benchmarks;

/// <summary>One typical update of each kind, as versions 3 and 19 write it (for per-kind benchmarks and profiling).</summary>
public static class EventSamples
{
    private static readonly string LongText = string.Concat(Enumerable.Repeat("привет &quot;Дача&quot; как дела<br>ok 🌚 ", 25));

    /// <summary>The kinds, in the order the benchmarks show them.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["counter", "typing", "read", "flags", "message", "message+attachments", "message, long text", "service message"];

    /// <summary>The update of <paramref name="kind"/> in <paramref name="version"/> (3 or 19).</summary>
    public static string Update(string kind, int version) => (kind, version >= 10) switch
    {
        ("counter", true) => "[80,1,1,0,0,1,1,0,0,0]",
        ("counter", false) => "[80,1,0]",
        ("typing", true) => "[63,664425024,[664425024],1,1780051489]",
        ("typing", false) => "[61,664425024,1]",
        ("read", true) => "[10006,664425024,57,0]",
        ("read", false) => "[6,664425024,1234567]",
        ("flags", true) => "[10002,57,128,664425024]",
        ("flags", false) => "[2,1234567,128,664425024]",
        ("message", true) => """[10004,57,1,1234567,664425024,1780051490,"Привет, как дела?",{},{},0,1234567,0]""",
        ("message", false) => """[4,1234567,1,664425024,1780051490,"Привет, как дела?",{"title":" ... "},{},0]""",
        ("message+attachments", true) => """[10004,1842,532481,1234570,2000000153,1780051494,"ok",{"from":"664425024"},{"attach1_type":"photo","attach1":"1_2","attach2_type":"doc","attach2":"3_4","attach2_kind":"audiomsg","fwd":"0_0","reply":"{\"conversation_message_id\":57}"},0,1234570,0]""",
        ("message+attachments", false) => """[4,1234570,532481,2000000153,1780051494,"ok",{"from":"664425024"},{"attach1_type":"photo","attach1":"1_2","attach2_type":"doc","attach2":"3_4","attach2_kind":"audiomsg","fwd":"0_0","reply":"{\"conversation_message_id\":57}"},0]""",
        ("message, long text", true) => $$"""[10004,57,1,1234567,664425024,1780051490,"{{LongText}}",{},{},0,1234567,0]""",
        ("message, long text", false) => $$"""[4,1234567,1,664425024,1780051490,"{{LongText}}",{"title":" ... "},{},0]""",
        ("service message", true) => """[10004,1843,8195,1234580,2000000153,1780051690,"",{"source_act":"chat_title_update","source_old_text":"Дача 2025","source_text":"Дача 2026","from":"664425024"},{},0,1234580,0]""",
        ("service message", false) => """[4,1234580,8195,2000000153,1780051690,"",{"source_act":"chat_title_update","source_old_text":"Дача 2025","source_text":"Дача 2026","from":"664425024"},{},0]""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
    };

    /// <summary>An a_check answer of <paramref name="count"/> updates of one kind.</summary>
    public static byte[] Answer(string kind, int version, int count) =>
        System.Text.Encoding.UTF8.GetBytes($$"""{"ts":1780000000,"pts":10000000,"updates":[{{string.Join(',', Enumerable.Repeat(Update(kind, version), count))}}]}""");
}
