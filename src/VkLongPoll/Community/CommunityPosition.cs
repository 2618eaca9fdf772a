using System.Globalization;

namespace VkLongPoll.Community;

/// <summary>
/// The part of a community's checkpoint that the User Long Poll has no use for: how far its Callback inbox is handled, and the
/// events handled lately (their <c>event_id</c>s and their messages' conversation ids), so that an event that comes again —
/// by the other transport, a reconnect, a Callback retry, or recovered from <c>pts</c> — is handed over once.
/// </summary>
/// <remarks>
/// Saved with the rest of <see cref="LongPollCheckpoint"/>, in the same write (and so in the handler's transaction when it
/// commits with its effects). <see cref="Seen"/> is compact and opaque: 12 bytes an event, hashed (never the ids themselves).
/// Stores keep it as the text of <see cref="Encode"/>.
/// </remarks>
/// <param name="InboxPosition">The last Callback inbox entry handled (0: none).</param>
/// <param name="Seen">The recent deliveries, encoded; empty for none.</param>
public sealed record CommunityPosition(long InboxPosition, string Seen)
{
    /// <summary>A community that has handled nothing yet.</summary>
    public static CommunityPosition Empty { get; } = new(0, string.Empty);

    /// <summary>The text a store keeps: <c>c1:</c>, the inbox position, <c>:</c>, the seen set.</summary>
    public string Encode() => string.Create(CultureInfo.InvariantCulture, $"c1:{InboxPosition}:{Seen}");

    /// <summary>Reads <see cref="Encode"/>'s text back; null for null or empty text.</summary>
    /// <exception cref="FormatException">The text is not one <see cref="Encode"/> wrote.</exception>
    public static CommunityPosition? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(':', 3);
        if (parts.Length != 3 || parts[0] != "c1" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var inbox))
        {
            throw new FormatException("not a community position written by this library");
        }

        return new CommunityPosition(inbox, parts[2]);
    }

    /// <summary>Prints the inbox position and how much is remembered, not the set itself.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CommunityPosition {{ InboxPosition = {InboxPosition}, Seen = {SeenDeliveries.CountIn(Seen)} }}");
}
