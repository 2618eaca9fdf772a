namespace VkLongPoll;

/// <summary>Where a session stands: the last event number taken (<c>ts</c>), the persistent number (<c>pts</c>), and the server/key while valid.</summary>
/// <remarks>
/// Saved only after the consumer took the batch it ends. Resuming from it gives every later event
/// exactly once: through the same key and <c>ts</c> while they live, through <c>getLongPollHistory</c> from
/// <c>pts</c> otherwise. <see cref="Key"/> is secret and never printed by <see cref="ToString"/>.
/// </remarks>
/// <param name="Ts">The <c>ts</c> to poll from.</param>
/// <param name="Pts">The <c>pts</c> to recover from.</param>
/// <param name="Server">The Long Poll server, or null to ask for one (a restart then recovers from <paramref name="Pts"/>).</param>
/// <param name="Key">The Long Poll key that goes with <paramref name="Server"/>.</param>
/// <param name="Version">The protocol version the position was taken in.</param>
public sealed record LongPollCheckpoint(long Ts, long Pts, string? Server, string? Key, int Version)
{
    /// <summary>
    /// For a community (<see cref="global::VkLongPoll.Community.CommunitySource"/>): its Callback inbox position and the events it handled lately;
    /// null for a user's session. <see cref="Ts"/>, <see cref="Server"/> and <see cref="Key"/> are then the Bots Long Poll's,
    /// <see cref="Pts"/> the community's messages', and <see cref="Version"/> 0.
    /// </summary>
    public global::VkLongPoll.Community.CommunityPosition? Community { get; init; }

    /// <summary>Prints the checkpoint with the key redacted.</summary>
    public override string ToString() =>
        $"LongPollCheckpoint {{ Ts = {Ts}, Pts = {Pts}, Server = {Server}, Key = {(Key is null ? "null" : "***")}, Version = {Version}{(Community is { } community ? ", Community = " + community : "")} }}";
}

/// <summary>Events that belong together and the checkpoint after them.</summary>
/// <param name="Events">The events, in server order.</param>
/// <param name="Checkpoint">Where to resume once these are handled.</param>
/// <param name="Recovered">True for events fetched through <c>getLongPollHistory</c> after a gap or a restart.</param>
public sealed record LongPollBatch(IReadOnlyList<Events.LongPollEvent> Events, LongPollCheckpoint Checkpoint, bool Recovered);
