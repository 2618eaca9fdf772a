using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>Live messages that come short because they were deleted for everyone before the poll.</summary>
public sealed partial class LongPollClient
{
    /// <summary>
    /// A new message deleted for everyone before the poll that brings it comes as <c>[10004, cmid, flags, minor_id]</c>: no
    /// peer, no text. VK's answer (danyadev/longpoll-doc, version 19): fetch it by <c>minor_id</c>, a synonym of its
    /// <c>message_id</c> here; your own comes back with <c>deleted: 1</c> and its <c>random_id</c>, someone else's not at all
    /// (an error, or missing from the answer), and then the event stays short.
    /// </summary>
    private async Task<IReadOnlyList<LongPollEvent>> CompleteShortNewAsync(IReadOnlyList<LongPollEvent> updates, CancellationToken cancellationToken)
    {
        List<long>? ids = null;
        foreach (var update in updates)
        {
            if (update is MessageNewEvent { Message: { IsComplete: false, PeerId: null, MinorId: { } minor } })
            {
                (ids ??= []).Add(minor);
            }
        }

        if (ids is null)
        {
            return updates;
        }

        IReadOnlyList<LongPollMessage> fetched;
        try
        {
            fetched = await ResilientAsync("messages.getById", () => _api.GetMessagesByIdAsync([.. ids.Distinct().Take(100)], _options.GroupId, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (VkApiException)
        {
            return updates; // someone else's message deleted for everyone: VK will not give it, and the event stays short
        }

        return fetched.Count == 0 ? updates : HistoryCompletion.Complete([.. updates], [.. fetched]);
    }
}
