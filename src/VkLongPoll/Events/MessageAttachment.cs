using VkLongPoll.Internal;
using System.Globalization;

namespace VkLongPoll.Events;

/// <summary>One attachment of a message, from the <c>attach{i}…</c> keys of the attachments object.</summary>
public sealed record MessageAttachment
{
    /// <summary>The attachment's number in the message (1-based, the <c>i</c> of <c>attach{i}</c>).</summary>
    public required int Index { get; init; }

    /// <summary><c>attach{i}_type</c>: photo, video, audio, doc, wall, sticker, link, gift, …</summary>
    public required string Type { get; init; }

    /// <summary><c>attach{i}</c>: <c>{owner_id}_{item_id}</c>, or a bare id for stickers and gifts.</summary>
    public required string Id { get; init; }

    /// <summary><c>attach{i}_kind</c>: <c>audiomsg</c>, <c>graffiti</c>, <c>animation</c>, …</summary>
    public string? Kind { get; init; }

    /// <summary><c>attach{i}_product_id</c>: the sticker pack of a sticker.</summary>
    public long? ProductId { get; init; }

    /// <summary>The snippet of a link attachment (<c>_url</c>, <c>_title</c>, <c>_desc</c>, <c>_photo</c>).</summary>
    public LinkSnippet? Link { get; init; }

    /// <summary><c>attach{i}_amount</c> of a money transfer.</summary>
    public string? Amount { get; init; }

    /// <summary><c>attach{i}_currency</c> of a money transfer.</summary>
    public string? Currency { get; init; }

    /// <summary>Other <c>attach{i}_*</c> keys, by suffix (without the <c>attach{i}_</c> prefix).</summary>
    public IReadOnlyDictionary<string, string>? Other { get; init => field = ValueMap.Of(value); }

    /// <summary>
    /// Where it can be opened: the largest photo, the document, the voice message's mp3, the sticker's picture, the video's or
    /// post's page. Known from API objects (history items, <c>messages.getById</c>) and, for stickers and voice messages, from the
    /// Long Poll's <c>attachments</c> kludge; null from the bare Long Poll keys, which carry no URLs.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>The item's <c>access_key</c> (API objects only): without it VK does not give a private photo or document by id.</summary>
    public string? AccessKey { get; init; }

    /// <summary>A title the API object gives: a document's or video's title, "artist — title" of a song, a poll's question.</summary>
    public string? Title { get; init; }

    /// <summary>The owner id from <see cref="Id"/>, when it has the <c>owner_item</c> form.</summary>
    public long? OwnerId => SplitId().Owner;

    /// <summary>The item id from <see cref="Id"/> (the whole id for stickers and gifts).</summary>
    public long? ItemId => SplitId().Item;

    /// <summary>True for a voice message (a <c>doc</c> of kind <c>audiomsg</c>; the API's <c>audio_message</c> is read as that too).</summary>
    public bool IsVoiceMessage => Kind == "audiomsg";

    /// <summary>True for graffiti (a <c>doc</c> of kind <c>graffiti</c>; the API's <c>graffiti</c> is read as that too).</summary>
    public bool IsGraffiti => Kind == "graffiti";

    private (long? Owner, long? Item) SplitId()
    {
        var id = Id.AsSpan();
        var separator = id.IndexOf('_');
        if (separator < 0)
        {
            return (null, long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : null);
        }

        var ownerOk = long.TryParse(id[..separator], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var owner);
        var itemOk = long.TryParse(id[(separator + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var item);
        return ownerOk && itemOk ? (owner, item) : (null, null);
    }
}

/// <summary>The snippet VK attaches to a link.</summary>
/// <param name="Url">The link.</param>
/// <param name="Title">The page title.</param>
/// <param name="Description">The page description.</param>
/// <param name="PhotoId">The preview photo as <c>{owner}_{id}</c>.</param>
public sealed record LinkSnippet(string? Url, string? Title, string? Description, string? PhotoId);
