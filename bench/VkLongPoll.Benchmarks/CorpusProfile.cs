namespace VkLongPoll.Benchmarks;

/// <summary>The proportions of a generated corpus: how many updates are messages, how long their texts, how many attachments.</summary>
/// <param name="Name">What the command line calls it.</param>
/// <param name="NewMessagePercent">Share of updates that are new messages (of 100).</param>
/// <param name="EditPercent">Share that are edits.</param>
/// <param name="LongTextOneIn">One text in this many is long.</param>
/// <param name="LongTextWords">Words in a long text (minimum inclusive, maximum exclusive); short ones have 1–14.</param>
/// <param name="AttachmentTenths">Tenths of messages that carry attachments.</param>
/// <param name="MaxAttachments">Most attachments on one message.</param>
public sealed record CorpusProfile(
    string Name, int NewMessagePercent, int EditPercent, int LongTextOneIn, (int Min, int Max) LongTextWords, int AttachmentTenths, int MaxAttachments)
{
    /// <summary>An active account's mix (the corpus of every figure since wave 1): 45 % messages, mostly short, 3 in 10 with attachments.</summary>
    public static CorpusProfile Chatty { get; } = new("chatty", 40, 5, 10, (60, 120), 3, 3);

    /// <summary>Other proportions: 70 % messages, one in three long (100–300 words), 7 in 10 with up to 6 attachments.</summary>
    public static CorpusProfile Media { get; } = new("media", 60, 10, 3, (100, 300), 7, 6);

    /// <summary>The profile called <paramref name="name"/>.</summary>
    public static CorpusProfile Parse(string name) =>
        name switch
        {
            "chatty" => Chatty,
            "media" => Media,
            _ => throw new ArgumentException($"unknown corpus profile '{name}' (chatty or media)", nameof(name)),
        };

    /// <summary>
    /// Maps a roll of 0–99 onto the generator's kinds: below 40 a new message, below 45 an edit, the rest the other
    /// events in the chatty proportions among themselves — so <see cref="Chatty"/> maps every roll to itself.
    /// </summary>
    public int Kind(int roll)
    {
        var messages = NewMessagePercent + EditPercent;
        if (roll < NewMessagePercent)
        {
            return roll * 40 / NewMessagePercent;
        }

        if (roll < messages)
        {
            return 40 + ((roll - NewMessagePercent) * 5 / EditPercent);
        }

        return 45 + ((roll - messages) * 55 / (100 - messages));
    }
}
