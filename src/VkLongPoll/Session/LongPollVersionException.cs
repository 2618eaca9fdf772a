namespace VkLongPoll;

/// <summary>The server accepts no protocol version this library speaks (<c>failed: 4</c> with a range outside 3, 10, 11, 19).</summary>
/// <param name="minVersion">The lowest version the server accepts.</param>
/// <param name="maxVersion">The highest version the server accepts.</param>
public sealed class LongPollVersionException(int minVersion, int maxVersion)
    : VkLongPollException($"the Long Poll server accepts versions {minVersion}–{maxVersion}; this library speaks {string.Join(", ", LongPollClientOptions.SupportedVersions)}")
{
    /// <summary>The lowest version the server accepts.</summary>
    public int MinVersion { get; } = minVersion;

    /// <summary>The highest version the server accepts.</summary>
    public int MaxVersion { get; } = maxVersion;
}
