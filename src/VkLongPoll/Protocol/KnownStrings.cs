namespace VkLongPoll;

/// <summary>One shared instance of the short strings VK repeats in every message (attachment types, kinds, actions).</summary>
internal static class KnownStrings
{
    private static readonly string[] Values =
    [
        "photo", "video", "audio", "doc", "wall", "sticker", "link", "gift", "poll", "call", "story", "market", "geo",
        "wall_reply", "podcast", "artist", "article", "narrative", "curator", "widget", "audio_playlist", "money_request",
        "money_transfer", "money", "group", "event", "graffiti", "mini_app", "audio_message", "group_call_in_progress",
        "audiomsg", "animation", "0_0", "1", "0",
        "chat_create", "chat_title_update", "chat_photo_update", "chat_photo_remove", "chat_pin_message", "chat_unpin_message",
        "chat_invite_user", "chat_invite_user_by_link", "chat_kick_user", "chat_screenshot", " ... ",
    ];

    private const int MaxLength = 24;

    // Candidates grouped by UTF-8 length, so a miss costs one or two comparisons.
    private static readonly (byte[] Utf8, string Value)[][] ByLength = BuildBuckets();

    public static bool TryGet(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.Length <= MaxLength)
        {
            foreach (var (bytes, known) in ByLength[utf8.Length])
            {
                if (utf8.SequenceEqual(bytes))
                {
                    value = known;
                    return true;
                }
            }
        }

        value = string.Empty;
        return false;
    }

    private static (byte[] Utf8, string Value)[][] BuildBuckets()
    {
        var buckets = new List<(byte[], string)>[MaxLength + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = [];
        }

        foreach (var value in Values)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            if (bytes.Length <= MaxLength)
            {
                buckets[bytes.Length].Add((bytes, value));
            }
        }

        return [.. buckets.Select(bucket => bucket.ToArray())];
    }
}
