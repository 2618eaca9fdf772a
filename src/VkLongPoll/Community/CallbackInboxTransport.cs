using System.Text;
using System.Threading.Channels;

namespace VkLongPoll.Community;

/// <summary>
/// The Callback API's side of a community: what the endpoint recorded in the inbox, read in order and handed on. VK pushed
/// it and was answered <c>ok</c> already; the inbox keeps it until the handler's checkpoint is past it.
/// </summary>
internal sealed class CallbackInboxTransport
{
    /// <summary>Entries handed over in one batch at most.</summary>
    private const int MaxEntriesPerBatch = 100;

    /// <summary>How long to wait for a signal before looking at the inbox again (another process may record into a shared one).</summary>
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(1);

    private readonly long _groupId;
    private readonly ICallbackInbox _inbox;
    private readonly SessionPacing _pacing;

    public CallbackInboxTransport(long groupId, ICallbackInbox inbox, SessionPacing pacing)
    {
        _groupId = groupId;
        _inbox = inbox;
        _pacing = pacing;
    }

    public async Task RunAsync(long after, ChannelWriter<TransportBatch> output, CancellationToken cancellationToken)
    {
        var failing = false;
        while (true)
        {
            IReadOnlyList<CallbackInboxEntry> entries;
            try
            {
                entries = await _inbox.ReadAsync(_groupId, after, MaxEntriesPerBatch, cancellationToken).ConfigureAwait(false);
                if (entries.Count == 0)
                {
                    await _inbox.WaitAsync(_groupId, after, LookAgainAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            catch (CheckpointStoreException e)
            {
                failing = true;
                // A database locked for longer than its patience passes: what the inbox holds is safe there, read it again later.
                await _pacing.RetryAfterAsync(new RetryCause(LongPollRetryReason.InboxUnavailable, e.Message, Exception: e), "callback inbox", apiMethod: null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (failing)
            {
                failing = false;
                _pacing.Succeeded();
            }

            var events = new List<CommunityEvent>(entries.Count);
            foreach (var entry in entries)
            {
                events.Add(Read(entry));
            }

            after = entries[^1].Position;
            LongPollMetrics.Events.Add(events.Count);
            await output.WriteAsync(new TransportBatch(CommunityTransport.Callback, events, InboxPosition: after), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One delivery as an event; a body the endpoint took but the reader cannot is kept raw, never dropped.</summary>
    private static CommunityEvent Read(CallbackInboxEntry entry)
    {
        try
        {
            return CommunityEventReader.Read(Encoding.UTF8.GetBytes(entry.Body));
        }
        catch (LongPollProtocolException)
        {
            return new UnknownCommunityEvent("unknown") { EventId = entry.EventId, GroupId = entry.GroupId, Object = entry.Body };
        }
    }
}
