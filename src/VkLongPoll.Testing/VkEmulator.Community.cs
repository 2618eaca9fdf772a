using VkLongPoll.Testing.Community;

namespace VkLongPoll.Testing;

/// <summary>One event of a community's journal: its Bots Long Poll number, VK's ids, and the update as Bots Long Poll carries it.</summary>
/// <param name="Ts">Its Bots Long Poll number.</param>
/// <param name="EventId">VK's <c>event_id</c> (40 hex digits).</param>
/// <param name="Type">VK's event type, e.g. <c>message_new</c>.</param>
/// <param name="PeerId">The conversation, for message events.</param>
/// <param name="ConversationMessageId">The message's id in its conversation, for message events.</param>
/// <param name="Update">The update, UTF-8 JSON: <c>{"type", "event_id", "v", "object", "group_id"}</c>.</param>
public sealed record CommunityJournalEntry(long Ts, string EventId, string Type, long? PeerId, long? ConversationMessageId, byte[] Update);

/// <summary>The emulator's communities, in-process: ids and tokens, events made to happen, the journal, callback servers.</summary>
public sealed partial class VkEmulator
{
    private readonly CallbackSender _callbacks;

    /// <summary>The communities' group ids (229000001, 229000002…), in the order of <see cref="CommunityTokens"/>.</summary>
    public IReadOnlyList<long> CommunityIds => [.. _world.Communities.Select(c => c.Id)];

    /// <summary>The community access tokens (<c>vk1.a.…</c>): API calls with one act as that group.</summary>
    public IReadOnlyList<string> CommunityTokens => [.. _world.Communities.Select(c => c.Token)];

    /// <summary>Bots Long Poll fault injection (its own, apart from <see cref="Faults"/>); target one community with <c>EnqueueFor(-groupId, …)</c>.</summary>
    public FaultInjector BotsFaults { get; }

    /// <summary>What goes wrong with callback deliveries of community <paramref name="community"/> (an index into <see cref="CommunityIds"/>).</summary>
    public CallbackFaults CallbackFaults(int community) => _world.Communities[community].CallbackFaults;

    /// <summary>
    /// A subscriber (the first account's first friend) writes to community <paramref name="community"/>, or in its chat
    /// (<paramref name="inChat"/>; such messages carry id 0, as VK gives bots); returns the <c>message_new</c> event.
    /// </summary>
    public CommunityJournalEntry SendCommunityMessage(int community, string text, bool inChat = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var target = _world.Communities[community];
        var from = target.Subscribers.Count > 0 ? target.Subscribers[0] : throw new InvalidOperationException("the community has no subscribers to write from");
        return Entry(target, target.Receive(from, text, inChat).Event);
    }

    /// <summary>Runs <paramref name="steps"/> steps of a realistic mix of community events (most of them messages); returns the newest Bots Long Poll ts.</summary>
    public long EmitCommunityScenario(int community, Random random, int steps)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = _world.Communities[community];
        for (var i = 0; i < steps; i++)
        {
            CommunityScenario.Step(target, random);
        }

        lock (target.Sync)
        {
            return target.Log.Ts;
        }
    }

    /// <summary>Every event still in the community's journal, in order (including those a Bots Long Poll client lost to <c>failed</c>).</summary>
    public IReadOnlyList<CommunityJournalEntry> CommunityJournal(int community)
    {
        var target = _world.Communities[community];
        lock (target.Sync)
        {
            return [.. target.Log.Snapshot().Select(e => Entry(target, e))];
        }
    }

    /// <summary>
    /// A Callback API server for community <paramref name="community"/> at <paramref name="url"/>, with every event type on (as
    /// <c>groups.addCallbackServer</c> + <c>groups.setCallbackSettings</c>): the sender confirms it, then delivers what happens
    /// from now on. Returns the server id.
    /// </summary>
    public long ConfigureCallback(int community, Uri url, string? secret)
    {
        ArgumentNullException.ThrowIfNull(url);
        var target = _world.Communities[community];
        lock (target.Sync)
        {
            var server = target.AddCallbackServer(url, "emulator", secret);
            server.Events.UnionWith(CommunitySettings.EventTypes);
            server.Status = "wait";
            target.SignalChanged();
            return server.Id;
        }
    }

    /// <summary>The confirmation code a callback server must answer now (<c>groups.getCallbackConfirmationCode</c>).</summary>
    public string CallbackConfirmationCode(int community)
    {
        var target = _world.Communities[community];
        lock (target.Sync)
        {
            return target.ConfirmationCode;
        }
    }

    /// <summary>A new confirmation code for the community: its servers are confirmed again, with it, before the next event. Returns the code.</summary>
    public string RotateCallbackCode(int community) => _world.Communities[community].RotateConfirmationCode();

    /// <summary>A callback server's status as VK reports it: <c>unconfigured</c>, <c>wait</c>, <c>ok</c> or <c>failed</c> (<c>removed</c> once deleted).</summary>
    public string CallbackStatus(int community, long serverId)
    {
        var target = _world.Communities[community];
        lock (target.Sync)
        {
            var server = target.CallbackServers.Find(s => s.Id == serverId) ?? throw new ArgumentOutOfRangeException(nameof(serverId), serverId, "no such callback server");
            return server.Removed ? "removed" : server.Status;
        }
    }

    internal static CommunityJournalEntry Entry(EmulatedCommunity community, CommunityEvent e) =>
        new(e.Ts, e.EventId, e.Type, e.PeerId, e.ConversationMessageId, CommunityUpdate.LongPollBytes(community.Id, e, community.LongPollApiVersion));
}
