namespace VkLongPoll.Community;

/// <summary>How a <see cref="CommunitySource"/> reads a community: its transports, and how long it remembers what it handled.</summary>
public sealed class CommunitySourceOptions
{
    /// <summary>
    /// The connection: the community's token (<see cref="LongPollClientOptions.AccessToken"/> or a token source), the
    /// community (<see cref="LongPollClientOptions.GroupId"/>, required), the API address, <c>wait</c>, the retry pacing,
    /// <see cref="LongPollClientOptions.OnStatus"/>, time and logging — the same settings a user's session takes.
    /// </summary>
    public LongPollClientOptions Connection { get; set; } = new();

    /// <summary>Polls the Bots Long Poll (<c>groups.getLongPollServer</c>); on by default.</summary>
    public bool BotsLongPoll { get; set; } = true;

    /// <summary>Reads the Callback API's deliveries from this inbox (the one a <c>MapVkCallback</c> endpoint records into); null for none.</summary>
    public ICallbackInbox? CallbackInbox { get; set; }

    /// <summary>
    /// Recovers the messages of a gap (a Bots Long Poll <c>failed</c> 1 or 3, a restart after a Callback outage) from the
    /// community's <c>pts</c> through <c>messages.getLongPollHistory</c>; on by default. Needs the token's <c>messages</c> access.
    /// </summary>
    public bool BackfillMessages { get; set; } = true;

    /// <summary>The most deliveries remembered to recognise one that comes again (12 bytes each in the checkpoint).</summary>
    public int SeenCapacity { get; set; } = 10_000;

    /// <summary>
    /// How long a delivery is remembered: longer than VK redelivers (Callback retries and a paused server's backlog, a Bots
    /// Long Poll reconnect) — docs/communities.md gives the figures.
    /// </summary>
    public TimeSpan SeenFor { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The name the checkpoint is kept under; by default <c>vk-</c>, the token's account key, <c>-community</c> and the group id.</summary>
    public string? CheckpointName { get; set; }

    /// <summary>A shallow copy.</summary>
    public CommunitySourceOptions Copy()
    {
        var copy = (CommunitySourceOptions)MemberwiseClone();
        copy.Connection = Connection.Copy();
        return copy;
    }

    /// <summary>Checks that the options can read a community: a group id, a transport, sane bounds, and a valid connection.</summary>
    public void Validate()
    {
        Connection.Validate();
        if (Connection.GroupId is not > 0)
        {
            throw new ArgumentException("a community source needs the community's id (Connection.GroupId)", nameof(Connection));
        }

        if (!BotsLongPoll && CallbackInbox is null)
        {
            throw new ArgumentException("a community source needs a transport: BotsLongPoll, a CallbackInbox, or both", nameof(BotsLongPoll));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(SeenCapacity, 100, nameof(SeenCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(SeenFor, TimeSpan.FromMinutes(1), nameof(SeenFor));
    }
}
