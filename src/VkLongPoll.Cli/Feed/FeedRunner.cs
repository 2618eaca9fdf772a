using VkLongPoll.Engine;
using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>
/// The feed: the handler of the account's engine (and the printer of friends' presence, where Long Poll no longer sends it): recovered ones
/// under a "while you were away" header; edits and deletions with what the message store remembers of the message.
/// </summary>
/// <remarks>
/// A message its author deleted for everyone is told once (with what it said) and then forgotten by the store, unless
/// <c>keepDeleted</c>: the feed keeps no more of it than VK does.
/// </remarks>
internal sealed class FeedRunner(FeedPrinter printer, FeedFormatter formatter, FeedDirectoryCache directory, FeedLanguage language, IReadOnlySet<string>? only, IMessageStore? store = null, bool keepDeleted = false, TimeProvider? time = null) : IAccountBatchHandler, IDisposable
{
    private static readonly TimeSpan LookupPatience = TimeSpan.FromSeconds(2);

    private readonly DateTimeOffset _startedAt = (time ?? TimeProvider.System).GetUtcNow();
    private int? _shownUnread;
    private bool _liveSeen;

    private readonly SemaphoreSlim _screen = new(1, 1);
    private bool _away;

    /// <summary>The time of the last line of a catch-up: lines without a time of their own take it, so times never go back.</summary>
    private DateTimeOffset? _caughtUpTo;

    /// <summary>
    /// Runs the account on the one engine with this feed as its handler (each batch's checkpoint saved once it is on the
    /// screen) and prints friends' presence beside it; ends when the session does. A stop throws
    /// <see cref="OperationCanceledException"/>, as reading the session did.
    /// </summary>
    public async Task RunAsync(IUpdateSource source, ICheckpointStore checkpoints, CancellationToken cancellationToken, IAsyncEnumerable<IReadOnlyList<LongPollEvent>>? presence = null)
    {
        // Each run is a session of its own: what it recovers is told under a header of its own.
        _away = false;
        _caughtUpTo = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var presenceShown = presence is null ? Task.CompletedTask : ShowPresenceAsync(presence, stop.Token);
        try
        {
            // A handler failure (the message store, the terminal) ends the feed with it, as it always did.
            var engine = new AccountEngine(source, this, new AccountEngineOptions
            {
                CheckpointStore = checkpoints,
                HandlerAttempts = 1,
                HandlerFailure = HandlerFailurePolicy.StopAccount,
            });
            await engine.RunAsync(cancellationToken, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await presenceShown.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The session's end (an error, or cancellation) is the feed's end.
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <inheritdoc/>
    public void Dispose() => _screen.Dispose();

    /// <inheritdoc/>
    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        await _screen.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ShowBatchAsync(batch.Batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _screen.Release();
        }
    }

    private async Task ShowPresenceAsync(IAsyncEnumerable<IReadOnlyList<LongPollEvent>> presence, CancellationToken cancellationToken)
    {
        var first = true;
        await foreach (var events in presence.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await _screen.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var wanted = events.Where(Wanted).ToList();
                if (first)
                {
                    // The watcher's first look: who is online as the feed starts, in one line rather than a line each.
                    if (wanted.OfType<FriendOnlineEvent>().ToList() is { Count: > 0 } online)
                    {
                        await directory.ResolveAsync(online, LookupPatience, cancellationToken).ConfigureAwait(false);
                        printer.Line(online[0], formatter.OnlineNow(online));
                    }
                }
                else
                {
                    await ShowAsync(wanted, cancellationToken).ConfigureAwait(false);
                }

                first = false;
            }
            finally
            {
                _screen.Release();
            }
        }
    }

    private async Task ShowBatchAsync(LongPollBatch batch, CancellationToken cancellationToken)
    {
        var events = batch.Events;
        var shown = events.Where(Wanted).ToList();

        // A restart that resumes with a live key gets what came meanwhile in its first answers, not through history:
        // it is the same backlog, told under the same header; typing and presence in it are stale by now.
        var backlog = !batch.Recovered && !_liveSeen && IsBacklog(events);
        if (!batch.Recovered && !backlog && events.Count > 0)
        {
            _liveSeen = true;
        }

        if (backlog)
        {
            shown = [.. shown.Where(e => e is not (ActivityEvent or FriendOnlineEvent or FriendOfflineEvent))];
        }

        var recovered = batch.Recovered || backlog;
        if (recovered && shown.Count > 0 && !_away)
        {
            printer.Header(language == FeedLanguage.Russian ? "— пока вас не было —" : "— while you were away —");
            _away = true;
        }
        else if (!recovered && _away && shown.Count > 0)
        {
            printer.Header(language == FeedLanguage.Russian ? "— сейчас —" : "— now —");
            _away = false;
            _caughtUpTo = null;
        }

        await ShowAsync(shown, cancellationToken, catchUp: recovered).ConfigureAwait(false);
    }

    /// <param name="shown">The events to tell, in order.</param>
    /// <param name="cancellationToken">Stops the lookups.</param>
    /// <param name="catchUp">
    /// True for what came while the feed was away: told in time order (a line without a time of its own takes the time of
    /// the line before it), and the unread count once, at the end, rather than after every message.
    /// </param>
    private async Task ShowAsync(List<LongPollEvent> shown, CancellationToken cancellationToken, bool catchUp = false)
    {
        UnreadCounterEvent? lastCount = null;
        if (catchUp && _caughtUpTo is null)
        {
            // A catch-up that opens with lines of no time of their own (a read, a deletion) dates them by its earliest time.
            _caughtUpTo = shown.Select(OwnTime).Where(t => t is not null).Min();
        }

        shown = MergeDeletedBeforeSeen(shown);

        // Names of the people whose remembered messages will be told, resolved with the batch's own.
        var remembered = new List<LongPollMessage>();
        foreach (var e in shown)
        {
            if (await BeforeAsync(e, cancellationToken).ConfigureAwait(false) is { } found)
            {
                remembered.Add(found);
            }
        }

        await directory.ResolveAsync([.. shown, .. remembered.Select(m => new MessageNewEvent(4, m))], LookupPatience, cancellationToken).ConfigureAwait(false);
        foreach (var e in shown)
        {
            directory.Learn(e);
            if (catchUp && e is UnreadCounterEvent held)
            {
                lastCount = held;
                continue;
            }

            if (e is UnreadCounterEvent counter)
            {
                // The counter only when it changes: it follows most messages and says nothing new otherwise.
                if (counter.Count == _shownUnread)
                {
                    continue;
                }

                _shownUnread = counter.Count;
            }

            // Looked up again here: a message told earlier in this very batch (a recovery) is remembered by now.
            var before = await BeforeAsync(e, cancellationToken).ConfigureAwait(false);
            if (catchUp && e is MessageEditEvent edit && before is { } told && told.Text == edit.Message.Text && told.Attachments.Count == edit.Message.Attachments.Count)
            {
                // Sent and edited while the feed was away: its line above already shows it as it is now, and VK keeps
                // nothing of what it said before; an edit line would only say the same again.
                continue;
            }

            string? text;
            try
            {
                text = formatter.Format(e, before);
            }
            catch (Exception failure) when (failure is not (OperationCanceledException or OutOfMemoryException))
            {
                // One event's own content never stops the feed: it is said in a status line, and the feed goes on.
                printer.Status(language == FeedLanguage.Russian
                    ? $"· событие {e.Code} не удалось показать ({failure.Message})"
                    : $"· an event ({e.Code}) could not be shown ({failure.Message})");
                continue;
            }

            if (text is not null)
            {
                printer.Line(e, text, catchUp ? CatchUpTime(e) : null);
            }

            if (store is not null && Remembered(e) is { IsComplete: true } message)
            {
                await store.SaveAsync([message], cancellationToken).ConfigureAwait(false);
            }

            if (store is not null && !keepDeleted && e is MessageFlagsSetEvent deleted && deleted.Mask.HasFlag(MessageFlags.DeletedForAll))
            {
                await store.ForgetAsync(deleted.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        if (lastCount is not null && lastCount.Count != _shownUnread && formatter.Format(lastCount, null) is { } count)
        {
            _shownUnread = lastCount.Count;
            printer.Line(lastCount, count, CatchUpTime(lastCount));
        }
    }

    /// <summary>The time a catch-up line shows: its message's own (sent, or edited) when later than the line before, else that line's.</summary>
    private DateTimeOffset? CatchUpTime(LongPollEvent e)
    {
        var own = OwnTime(e);
        _caughtUpTo = own is { } mine && (_caughtUpTo is not { } last || mine > last) ? mine : _caughtUpTo ?? own;
        return _caughtUpTo;
    }

    /// <summary>When the event happened, when it says: a message's sending, an edit's time.</summary>
    private static DateTimeOffset? OwnTime(LongPollEvent e) => e switch
    {
        MessageNewEvent { Message.Time: { } sent } => sent,
        MessageEditEvent { Message.UpdateTime: long edited and > 0 } => DateTimeOffset.FromUnixTimeSeconds(edited),
        _ => null,
    };

    /// <summary>
    /// True when a message in <paramref name="events"/> was sent (or edited) before the feed started: it came while the feed
    /// was away, however short the absence. VK's times are whole seconds, so the second the feed started counts as before.
    /// </summary>
    private bool IsBacklog(IReadOnlyList<LongPollEvent> events) => events.Any(e => e switch
    {
        MessageNewEvent { Message.Timestamp: long sent } => sent <= _startedAt.ToUnixTimeSeconds(),
        MessageEditEvent { Message.UpdateTime: long edited and > 0 } => edited <= _startedAt.ToUnixTimeSeconds(),
        _ => false,
    });

    /// <summary>
    /// A message sent and deleted for everyone while the feed was away comes as a new message VK gives nothing of, then its
    /// deletion: one line says both (the new message marked deleted for everyone), and the deletion's own line goes.
    /// </summary>
    private static List<LongPollEvent> MergeDeletedBeforeSeen(List<LongPollEvent> shown)
    {
        var deleted = shown.OfType<MessageFlagsSetEvent>()
            .Where(f => f.Mask.HasFlag(MessageFlags.DeletedForAll) && f.Message is { PeerId: not null, ConversationMessageId: not null })
            .Select(f => (f.Message.PeerId!.Value.Value, f.Message.ConversationMessageId!.Value))
            .ToHashSet();
        if (deleted.Count == 0)
        {
            return shown;
        }

        var merged = new HashSet<(long, long)>();
        var result = new List<LongPollEvent>(shown.Count);
        foreach (var e in shown)
        {
            if (e is MessageNewEvent { Message: { IsComplete: false, Text: null or "", PeerId: { } peer, ConversationMessageId: { } cmid } message } m
                && deleted.Contains((peer.Value, cmid)))
            {
                merged.Add((peer.Value, cmid));
                result.Add(m with { Message = message with { Flags = message.Flags | MessageFlags.DeletedForAll } });
            }
            else if (e is MessageFlagsSetEvent { Message: { PeerId: { } p, ConversationMessageId: { } c } } f && f.Mask.HasFlag(MessageFlags.DeletedForAll) && merged.Contains((p.Value, c)))
            {
                continue; // told with the message
            }
            else
            {
                result.Add(e);
            }
        }

        return result;
    }

    /// <summary>For an edit, a deletion, a restore or an importance mark: the message as the store remembers it.</summary>
    private async ValueTask<LongPollMessage?> BeforeAsync(LongPollEvent e, CancellationToken cancellationToken)
    {
        var changed = e switch
        {
            MessageEditEvent m => m.Message,
            MessageFlagsSetEvent f when f.Mask.HasFlag(MessageFlags.Deleted) || f.Mask.HasFlag(MessageFlags.DeletedForAll) || f.Mask.HasFlag(MessageFlags.Important) => f.Message,
            MessageFlagsResetEvent f when f.Mask.HasFlag(MessageFlags.Deleted) || f.Mask.HasFlag(MessageFlags.Important) => f.Message,
            _ => null,
        };
        return store is null || changed is null ? null : await FindAsync(changed, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<LongPollMessage?> FindAsync(LongPollMessage m, CancellationToken cancellationToken) =>
        m.MessageId is { } id && await store!.FindByIdAsync(id, cancellationToken).ConfigureAwait(false) is { } byId
            ? byId
            : m.PeerId is { } peer && m.ConversationMessageId is { } cmid
                ? await store!.FindInConversationAsync(peer, cmid, cancellationToken).ConfigureAwait(false)
                : null;

    /// <summary>The message an event gives as it is now (new, edited, restored): what the store keeps.</summary>
    private static LongPollMessage? Remembered(LongPollEvent e) => e switch
    {
        MessageNewEvent m => m.Message,
        MessageEditEvent m => m.Message,
        MessageFlagsResetEvent m when m.Mask.HasFlag(MessageFlags.Deleted) => m.Message,
        _ => null,
    };

    private bool Wanted(LongPollEvent e) => FeedGroups.Wanted(only, e);
}
