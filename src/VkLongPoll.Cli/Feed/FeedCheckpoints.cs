namespace VkLongPoll.Cli.Feed;

/// <summary>
/// A feed's checkpoint store as its engine sees it: <c>--from-now</c> loads nothing (and saves as usual); a batch already
/// on the screen is saved even when Ctrl+C comes during the save, so it is not told again next time; and whoever waits
/// for the feed to catch up (the demo, tests) hears of each checkpoint saved.
/// </summary>
internal sealed class FeedCheckpoints(ICheckpointStore inner, bool fromNow = false, Action<LongPollCheckpoint>? saved = null) : ICheckpointStore
{
    public ValueTask<LongPollCheckpoint?> LoadAsync(string name, CancellationToken cancellationToken = default) =>
        fromNow ? ValueTask.FromResult<LongPollCheckpoint?>(null) : inner.LoadAsync(name, cancellationToken);

    public async ValueTask SaveAsync(string name, LongPollCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        await inner.SaveAsync(name, checkpoint, CancellationToken.None).ConfigureAwait(false);
        saved?.Invoke(checkpoint);
    }
}
