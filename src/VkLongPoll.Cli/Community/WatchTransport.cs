namespace VkLongPoll.Cli.Community;

/// <summary>How <c>vklp watch</c> hears of an account's events (<c>--transport</c>).</summary>
internal enum WatchTransport
{
    /// <summary>The User Long Poll: a user's dialogs (with <c>--group-id</c>, an admin's view of a community's dialogs).</summary>
    User,

    /// <summary>The Bots Long Poll of a community (a community token).</summary>
    Bots,

    /// <summary>The Callback API: VK POSTs to <c>--listen</c>.</summary>
    Callback,

    /// <summary>The Bots Long Poll and the Callback API at once, each event shown once.</summary>
    Both,
}
