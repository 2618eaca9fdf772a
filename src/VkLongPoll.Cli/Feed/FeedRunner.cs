using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>Reads a session's batches and prints them: recovered ones under a "while you were away" header.</summary>
internal sealed class FeedRunner(FeedPrinter printer, FeedFormatter formatter, FeedDirectoryCache directory, FeedLanguage language, IReadOnlySet<string>? only)
{
    private static readonly TimeSpan LookupPatience = TimeSpan.FromSeconds(2);

    public async Task RunAsync(IAsyncEnumerable<LongPollBatch> batches, Func<LongPollCheckpoint, ValueTask> taken, CancellationToken cancellationToken)
    {
        var away = false;
        await foreach (var batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var shown = batch.Events.Where(Wanted).ToList();
            if (batch.Recovered && shown.Count > 0 && !away)
            {
                printer.Header(language == FeedLanguage.Russian ? "— пока вас не было —" : "— while you were away —");
                away = true;
            }
            else if (!batch.Recovered && away && shown.Count > 0)
            {
                printer.Header(language == FeedLanguage.Russian ? "— сейчас —" : "— now —");
                away = false;
            }

            await directory.ResolveAsync(shown, LookupPatience, cancellationToken).ConfigureAwait(false);
            foreach (var e in shown)
            {
                if (formatter.Format(e) is { } text)
                {
                    printer.Line(e, text);
                }
            }

            await taken(batch.Checkpoint).ConfigureAwait(false);
        }
    }

    /// <summary><c>--only</c> groups: messages, typing, online, chats, reads, counters.</summary>
    private bool Wanted(LongPollEvent e) => only is null || only.Contains(e switch
    {
        MessageNewEvent { Message.Action: not null } or ChatInfoEvent or ChatChangedEvent => "chats",
        MessageNewEvent or MessageEditEvent or MessageUpdatedEvent or MessageFlagsSetEvent or MessageFlagsResetEvent or MessagesDeletedEvent => "messages",
        ActivityEvent => "typing",
        FriendOnlineEvent or FriendOfflineEvent or FriendInvisibilityEvent => "online",
        MessagesReadInboxEvent or MessagesReadOutboxEvent => "reads",
        UnreadCounterEvent => "counters",
        _ => "other",
    });
}
