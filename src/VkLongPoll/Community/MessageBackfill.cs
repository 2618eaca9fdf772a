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

    /// <summary>One page of the gap from <paramref name="pts"/>: its new messages, the <c>pts</c> after it, and whether more remain; null when VK will not give it.</summary>
    public async Task<(IReadOnlyList<CommunityEvent> Messages, long NewPts, bool More)?> PageAsync(long pts, CancellationToken cancellationToken)
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
        var messages = new List<CommunityEvent>();
        foreach (var e in history.Events)
        {
            if (e is MessageNewEvent created && Complete(created.Message, history.Messages) is { } message)
            {
                messages.Add(message.IsOutgoing == true
                    ? new CommunityMessageReply(message) { GroupId = _groupId }
                    : new CommunityMessageNew(message) { GroupId = _groupId });
            }
        }

        var newPts = history.NewPts ?? pts;
        return (messages, newPts, history.More && newPts > pts);
    }

    /// <summary>
    /// The message whole: history's own completion, or the item of <c>messages.items</c> at the same place (a community chat's
    /// messages all have id 0, so completion by id cannot find them).
    /// </summary>
    private static LongPollMessage? Complete(LongPollMessage message, IReadOnlyList<LongPollMessage> items)
    {
        if (message.IsComplete && message.MessageId is not 0)
        {
            return message;
        }

        foreach (var item in items)
        {
            var samePlace = item.PeerId == message.PeerId && item.ConversationMessageId is { } cmid && cmid == message.ConversationMessageId;
            var sameId = message.MessageId is { } id and > 0 && item.MessageId == id;
            if (samePlace || sameId)
            {
                return item;
            }
        }

        return message.IsComplete ? message : null;
    }

    private static LongPollDecoder Decoder() => new(new LongPollDecoderOptions
    {
        Version = 19,
        MalformedEvents = MalformedEventHandling.KeepAsUnknown,
    });
}
