using VkLongPoll.Events;

namespace VkLongPoll;

/// <summary>The second reading of <c>more</c>: message objects cut at <c>msgs_limit</c>, fetched with <c>max_msg_id</c>.</summary>
public sealed partial class LongPollClient
{
    /// <summary>Calls for the rest of one page's message objects before the page counts as complete as VK will make it.</summary>
    private const int MaxMessageRounds = 10;

    /// <summary>
    /// VK's sources read <c>more</c> two ways. danyadev/longpoll-doc: ask again from <c>new_pts</c> (done by the paging
    /// loop). VK's old method text: "if there are more new messages than <c>msgs_limit</c>, <c>msgs_limit</c> of them come and
    /// <c>more: 1</c>", with <c>max_msg_id</c> as "the largest message id in the local copy". Under that reading the page's
    /// events are whole but some of their message objects are missing: they are asked for again, from the same <c>pts</c>
    /// with <c>max_msg_id</c>, and only the new message objects are taken. A message deleted for everyone stays short (VK
    /// gives no object for it), so it never causes a call.
    /// </summary>
    private async Task<LongPollHistory> CompleteCutMessagesAsync(LongPollHistory history, long pts, CancellationToken cancellationToken)
    {
        var events = history.Events.ToArray();
        var messages = history.Messages.ToList();
        for (var round = 0; round < MaxMessageRounds && messages.Count > 0 && events.Any(WantsItsMessage); round++)
        {
            var above = messages.Max(m => m.MessageId ?? 0);
            LongPollHistory rest;
            try
            {
                rest = await ResilientAsync("messages.getLongPollHistory", () => _api.GetLongPollHistoryPageAsync(pts, null, above, Decoder(), _options.GroupId, cancellationToken), cancellationToken,
                    giveUp: HistoryGivesUp).ConfigureAwait(false);
            }
            catch (VkApiException)
            {
                break; // the page goes on as it is: its short messages stay short
            }

            var added = rest.Messages.Where(m => m.MessageId > above).ToList();
            if (added.Count == 0)
            {
                break;
            }

            messages.AddRange(added);
            events = HistoryCompletion.Complete(events, added);
        }

        return history with { Events = events, Messages = messages };
    }

    /// <summary>A message event that came short and is not a message deleted for everyone (for which VK has no object to give).</summary>
    private static bool WantsItsMessage(LongPollEvent e) => e switch
    {
        MessageNewEvent m => Short(m.Message),
        MessageEditEvent m => Short(m.Message),
        MessageUpdatedEvent m => Short(m.Message),
        _ => false,
    };

    private static bool Short(LongPollMessage m) => !m.IsComplete && !m.Flags.HasFlag(MessageFlags.DeletedForAll);
}
