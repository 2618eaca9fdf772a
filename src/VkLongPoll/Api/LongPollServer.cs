namespace VkLongPoll;

/// <summary>Where and how to long poll: the answer of <c>messages.getLongPollServer</c>, and the <c>credentials</c> of <c>messages.getLongPollHistory</c>.</summary>
/// <param name="Server">The Long Poll address, usually without a scheme.</param>
/// <param name="Key">The session key. Secret: never printed by <see cref="ToString"/>.</param>
/// <param name="Ts">The event number to poll from.</param>
/// <param name="Pts">The persistent event number, when asked for (<c>need_pts</c>).</param>
public sealed record LongPollServer(string Server, string Key, long Ts, long? Pts)
{
    /// <summary>Prints the server with the key redacted.</summary>
    public override string ToString() => $"LongPollServer {{ Server = {Server}, Key = ***, Ts = {Ts}, Pts = {Pts} }}";
}
