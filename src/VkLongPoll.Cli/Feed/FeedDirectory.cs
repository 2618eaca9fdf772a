using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>The feed's language.</summary>
internal enum FeedLanguage
{
    Russian,
    English,
}

/// <summary>A person as the feed names them: full names per grammatical case, and sex for Russian verb endings.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Names">"First Last" by <c>name_case</c>: nom, gen, dat, acc, ins, abl (at least nom).</param>
/// <param name="Sex">1 female, 2 male, 0 unknown (VK's <c>sex</c>).</param>
internal sealed record Person(long Id, IReadOnlyDictionary<string, string> Names, int Sex)
{
    public string In(string nameCase) => Names.TryGetValue(nameCase, out var name) ? name : Names.GetValueOrDefault("nom", $"id{Id}");
}

/// <summary>What the feed knows about people and chats; unknown ones are shown by id until they are resolved.</summary>
internal interface IFeedDirectory
{
    long SelfId { get; }

    Person? User(long id);

    string? ChatTitle(long peerId);

    /// <summary>Where an attachment of <paramref name="message"/> can be opened: its own URL (API objects, the kludge), else what <c>messages.getById</c> gave.</summary>
    string? AttachmentUrl(LongPollMessage message, MessageAttachment attachment);

    /// <summary>An attachment's title (a document's, a video's, a song's), from the attachment or what <c>messages.getById</c> gave.</summary>
    string? AttachmentTitle(LongPollMessage message, MessageAttachment attachment);

    /// <summary>The chat's title before its latest rename (API objects of renames do not carry the old one).</summary>
    string? PreviousTitle(long peerId);
}
