namespace VkLongPoll.Testing.Wire;

/// <summary>What an <c>a_check</c> request asked for: the version's layout family and the mode bits.</summary>
/// <param name="Version">The <c>version</c> parameter.</param>
/// <param name="Mode">The <c>mode</c> parameter.</param>
/// <param name="History">Encoding <c>getLongPollHistory</c> items (shortened message events, no counts).</param>
internal readonly record struct WireFormat(int Version, int Mode, bool History = false)
{
    /// <summary>3 for versions below 10, 10 for 10–18, 19 for 19 and later.</summary>
    public int Family => Version switch { < 10 => 3, < 19 => 10, _ => 19 };

    public bool IsVersion21 => Version >= 21;

    public bool Attachments => (Mode & 2) != 0;

    public bool ExtendedEvents => (Mode & 8) != 0;

    public bool Pts => (Mode & 32) != 0;

    public bool Platforms => (Mode & 64) != 0;

    public bool RandomIds => (Mode & 128) != 0;
}
