namespace VkLongPoll.Callback;

/// <summary>One community an endpoint receives for: its id, the code that confirms the address, and the secret VK adds to each event.</summary>
/// <param name="GroupId">The community's id (<c>group_id</c> in each POST).</param>
/// <param name="ConfirmationCode">What to answer VK's <c>confirmation</c> request (<c>groups.getCallbackConfirmationCode</c>).</param>
/// <param name="Secret">The secret key set for the server in the community's settings; null when none is set (then any POST for this group is taken: set one).</param>
public sealed record VkCallbackCommunity(long GroupId, string ConfirmationCode, string? Secret)
{
    /// <summary>Prints the community without its secret.</summary>
    public override string ToString() => $"VkCallbackCommunity {{ GroupId = {GroupId}, Secret = {(Secret is null ? "none" : "***")} }}";
}
