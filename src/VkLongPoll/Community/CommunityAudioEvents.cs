namespace VkLongPoll.Community;

/// <summary><c>audio_new</c>: a track was added to the community's audio.</summary>
/// <param name="AudioId">The track (<c>id</c>).</param>
/// <param name="OwnerId">Its owner (<c>owner_id</c>).</param>
public sealed record CommunityAudioNew(long AudioId, long OwnerId) : CommunityEvent
{
    /// <inheritdoc/>
    public override string Type => "audio_new";

    /// <summary>The artist (<c>artist</c>).</summary>
    public string? Artist { get; init; }

    /// <summary>The title (<c>title</c>).</summary>
    public string? Title { get; init; }

    /// <summary>The length in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }
}
