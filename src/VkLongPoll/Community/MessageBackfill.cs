using VkLongPoll.Events;

namespace VkLongPoll.Community;

/// <summary>
/// The messages of a community's gap, from its <c>pts</c>: <c>messages.getLongPollHistory</c> with <c>group_id</c>, page by
/// page. Neither Bots Long Poll nor Callback has history; a community's dialogs do. Each new message of the gap comes as the
/// event the transports would have sent (<c>message_new</c>, or <c>message_reply</c> for the community's own), without an
/// <c>event_id</c>: the source recognises it by its peer and conversation message id.
/// </summary>
internal sealed class MessageBackfill
{
    /// <summary>Pages a refresh of the pts reads at most (the refresh runs often enough to need far fewer).</summary>
    private const int MaxRefreshPages = 5;

    private readonly long _groupId;
    private readonly VkApiClient _api;
    private readonly SessionPacing _pacing;

    public MessageBackfill(long groupId, VkApiClient api, SessionPacing pacing)
    {
        _groupId = groupId;
        _api = api;
        _pacing = pacing;
    }

    /// <summary>The community's <c>pts</c> now (<c>messages.getLongPollServer</c> with <c>need_pts</c>).</summary>
    public async Task<long> PtsAsync(CancellationToken cancellationToken)
    {
        var server = await _pacing.ResilientAsync("messages.getLongPollServer", () => _api.GetLongPollServerAsync(19, _groupId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return server.Pts ?? 0;
    }

    /// <summary>One page of the gap from <paramref name="pts"/>, through outages; null when VK will not give it (reported).</summary>
    public async Task<HistoryPage?> PageAsync(long pts, CancellationToken cancellationToken)
    {
        LongPollHistory history;
        try
        {
            history = await _pacing.ResilientAsync("messages.getLongPollHistory", () => _api.GetLongPollHistoryAsync(pts, null, Decoder(), _groupId, cancellationToken), cancellationToken,
                giveUp: (e, failures) => e is VkApiException { ErrorCode: 36 or 100 or 927 } && failures >= 3).ConfigureAwait(false);
        }
        catch (VkApiException e) when (e.ErrorCode is 907 or 908 or 990 or 36 or 100 or 927)
        {
            _pacing.Report(new LongPollResynced(e.ErrorCode switch
            {
                907 => LongPollResyncReason.HistoryTooOld,
                908 => LongPollResyncReason.HistoryUnavailable,
                990 => LongPollResyncReason.DeviceCacheDropped,
                _ => LongPollResyncReason.HistoryRefused,
            }, pts, pts) { ApiErrorCode = e.ErrorCode });
            return null;
        }

        LongPollMetrics.HistoryPages.Add(1);
        return Page(history, pts);
    }

    /// <summary>
    /// A <c>pts</c> to move the checkpoint to: as far as the pages from <paramref name="pts"/> hold only messages already handed
    /// over (or older than anything remembered). It never passes a message not yet handed over — one a transport still has on
    /// its way — so a later gap's recovery from it misses nothing. One try, no retries: a refresh is never worth a stall.
    /// </summary>
    public async Task<long> AdvanceAsync(long pts, SeenDeliveries seen, CancellationToken cancellationToken)
    {
        try
        {
            for (var pages = 0; pages < MaxRefreshPages; pages++)
            {
                var history = await _api.GetLongPollHistoryAsync(pts, null, Decoder(), _groupId, cancellationToken).ConfigureAwait(false);
                var page = Page(history, pts);
                if (page.Messages.Any(m => !seen.Knows(SeenDeliveries.CreatedMessage(m)!)))
                {
                    return pts;
                }

                pts = page.NewPts;
                if (!page.More)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The refresh waits for the next chance; the checkpoint keeps the pts it had.
        }

        return pts;
    }

    private HistoryPage Page(LongPollHistory history, long pts)
    {
        var messages = new List<CommunityEvent>();
        foreach (var e in history.Events)
        {
            // History completes each message from messages.items by its place (id 0 in a community's chats).
            if (e is MessageNewEvent { Message.IsComplete: true } created)
            {
                messages.Add(created.Message.IsOutgoing == true
                    ? new CommunityMessageReply(created.Message) { GroupId = _groupId }
                    : new CommunityMessageNew(created.Message) { GroupId = _groupId });
            }
        }

        var newPts = history.NewPts ?? pts;
        return new HistoryPage(messages, newPts, history.More && newPts > pts);
    }

    private static LongPollDecoder Decoder() => new(new LongPollDecoderOptions
    {
        Version = 19,
        MalformedEvents = MalformedEventHandling.KeepAsUnknown,
    });
}

/// <summary>One page of a community's message history: its new messages as the transports' events, the pts after it, and whether more remain.</summary>
internal sealed record HistoryPage(IReadOnlyList<CommunityEvent> Messages, long NewPts, bool More);
