using VkLongPoll.Cli.Output;
using VkLongPoll.Engine;

namespace VkLongPoll.Cli.Feed;

/// <summary>
/// <c>vklp watch --json</c>: the handler of the account's engine that writes each batch's wanted events as JSON lines, with
/// the names the directory knows. A reader that went away throws the write's <see cref="IOException"/>: the batch reached
/// no one, so its checkpoint is not saved.
/// </summary>
internal sealed class JsonFeed(EventJsonWriter writer, FeedDirectoryCache directory, IReadOnlySet<string>? only, TextWriter stderr) : IAccountBatchHandler
{
    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        await directory.ResolveAsync(batch.Events, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        foreach (var e in batch.Events.Where(e => FeedGroups.Wanted(only, e)))
        {
            try
            {
                writer.Write(e, directory);
            }
            catch (LongPollProtocolException unwritable)
            {
                // One event's own content, not the output: said in one line, and the feed goes on past it.
                stderr.WriteLine("vklp watch: " + TerminalText.Sanitize($"skipped an event: {unwritable.Reason}", keepNewlines: false));
            }
        }

        writer.Flush();
    }
}
