using VkLongPoll.Engine;

namespace VkLongPoll.Hosting;

/// <summary>
/// How the host runs one account, beside its session options (<see cref="LongPollClientOptions"/>): both are named
/// options of the account's name, bound from <c>VkLongPoll</c> (defaults for every account) and then
/// <c>VkLongPoll:Accounts:{name}</c>.
/// </summary>
public sealed class VkLongPollAccountOptions
{
    /// <summary>Who saves the checkpoint after a batch; <see cref="CheckpointSaving.AfterHandler"/> (at-least-once) by default.</summary>
    public CheckpointSaving CheckpointSaving { get; set; } = CheckpointSaving.AfterHandler;

    /// <summary>How long the session may keep retrying (an outage), or a handler keep failing, before the health check says degraded.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times a batch is handed to the handlers before <see cref="HandlerFailure"/> applies; 5 by default.</summary>
    public int HandlerAttempts { get; set; } = 5;

    /// <summary>What happens to a batch the handlers failed on <see cref="HandlerAttempts"/> times; dead-lettered by default.</summary>
    public HandlerFailurePolicy HandlerFailure { get; set; } = HandlerFailurePolicy.DeadLetter;

    /// <summary>How long after a dead-lettered batch the health check says degraded; 10 minutes by default.</summary>
    public TimeSpan DeadLetterDegradedFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>False leaves the account configured but not run.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Reads a community (its token, and <see cref="LongPollClientOptions.GroupId"/>) over the Bots Long Poll, through a
    /// <see cref="Community.CommunitySource"/>, instead of the User Long Poll. docs/communities.md.
    /// </summary>
    public bool BotsLongPoll { get; set; }

    /// <summary>
    /// Reads the community's Callback API deliveries from the <see cref="Community.ICallbackInbox"/> registered in the
    /// services (the inbox <c>MapVkCallback</c> records into); with <see cref="BotsLongPoll"/> too, each event is handled once.
    /// </summary>
    public bool Callback { get; set; }

    /// <summary>True when the account is a community read through <see cref="Community.CommunitySource"/>.</summary>
    internal bool IsCommunity => BotsLongPoll || Callback;
}
