using VkLongPoll.Community;

namespace VkLongPoll.Callback;

/// <summary>What a Callback endpoint (<see cref="VkCallbackEndpoints.MapVkCallback(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder, string)"/>) answers and where it records.</summary>
public sealed class VkCallbackOptions
{
    /// <summary>Where deliveries are recorded before VK is answered <c>ok</c>: a durable one (SQLite's checkpoint store) in production.</summary>
    public ICallbackInbox? Inbox { get; set; }

    /// <summary>The communities this endpoint receives for (several may share it; each has its own secret and code).</summary>
    public IList<VkCallbackCommunity> Communities { get; } = [];

    /// <summary>The largest body taken (VK's events are kilobytes; a message with many attachments tens of them).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What the <c>Retry-After</c> header says when the inbox is full.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks that the endpoint can work: an inbox and at least one community with a code.</summary>
    public void Validate()
    {
        if (Inbox is null)
        {
            throw new InvalidOperationException("a VK Callback endpoint needs an inbox (VkCallbackOptions.Inbox) to record events in before it answers ok");
        }

        if (Communities.Count == 0)
        {
            throw new InvalidOperationException("a VK Callback endpoint needs at least one community (VkCallbackOptions.Communities)");
        }

        foreach (var community in Communities)
        {
            if (community.GroupId <= 0 || string.IsNullOrWhiteSpace(community.ConfirmationCode))
            {
                throw new InvalidOperationException($"community {community.GroupId}: a positive group id and a confirmation code are needed");
            }
        }

        if (Communities.GroupBy(c => c.GroupId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"community {twice.Key} is listed twice: one code and one secret each");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1024, nameof(MaxBodyBytes));
    }
}
