namespace VkLongPoll.Orleans;

/// <summary>How a <see cref="LongPollCheckpoint"/> crosses the cluster (the core package does not depend on Orleans).</summary>
[GenerateSerializer]
internal struct LongPollCheckpointSurrogate
{
    [Id(0)] public long Ts;
    [Id(1)] public long Pts;
    [Id(2)] public string? Server;
    [Id(3)] public string? Key;
    [Id(4)] public int Version;
    [Id(5)] public string? Community;
}

/// <summary>Converts checkpoints to and from <see cref="LongPollCheckpointSurrogate"/>.</summary>
[RegisterConverter]
internal sealed class LongPollCheckpointConverter : IConverter<LongPollCheckpoint, LongPollCheckpointSurrogate>
{
    public LongPollCheckpoint ConvertFromSurrogate(in LongPollCheckpointSurrogate surrogate) =>
        new(surrogate.Ts, surrogate.Pts, surrogate.Server, surrogate.Key, surrogate.Version) { Community = VkLongPoll.Community.CommunityPosition.Decode(surrogate.Community) };

    public LongPollCheckpointSurrogate ConvertToSurrogate(in LongPollCheckpoint value) => new()
    {
        Ts = value.Ts,
        Pts = value.Pts,
        Server = value.Server,
        Key = value.Key,
        Version = value.Version,
        Community = value.Community?.Encode(),
    };
}
