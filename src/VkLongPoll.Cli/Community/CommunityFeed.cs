using VkLongPoll.Cli.Feed;
using VkLongPoll.Community;
using VkLongPoll.Engine;

namespace VkLongPoll.Cli.Community;

/// <summary>
/// The handler of a community's engine in <c>vklp watch</c>: each batch's events as plain lines (names looked up first, with a
/// little patience), or as NDJSON (<c>type</c> is VK's event name, with <c>event_id</c>). A failing write ends the watch with
/// the batch unsaved, so the next run shows it again.
/// </summary>
internal sealed class CommunityFeed : IAccountBatchHandler
{
    private readonly FeedPrinter? _printer;
    private readonly EventJsonWriter? _json;
    private readonly VkApiClient _api;
    private readonly CommunityWords _words;
    private readonly Dictionary<long, VkUser> _users = [];

    public CommunityFeed(FeedPrinter? printer, EventJsonWriter? json, VkApiClient api, FeedLanguage language)
    {
        _printer = printer;
        _json = json;
        _api = api;
        _words = new CommunityWords(language, id => _users.GetValueOrDefault(id));
    }

    /// <summary>How many events were shown (the tests and the soak count them).</summary>
    public int Shown { get; private set; }

    public async ValueTask HandleAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        if (_json is { } writer)
        {
            foreach (var e in batch.Events)
            {
                writer.Write(e);
                Shown++;
            }

            writer.Flush();
            return;
        }

        await LearnNamesAsync(batch, cancellationToken).ConfigureAwait(false);
        foreach (var e in batch.Events.OfType<CommunityEvent>())
        {
            _printer!.Line(e, _words.Describe(e));
            Shown++;
        }
    }

    /// <summary>The names a batch's lines need, in one <c>users.get</c>; a failure leaves ids on the lines, never stops the feed.</summary>
    private async Task LearnNamesAsync(AccountBatch batch, CancellationToken cancellationToken)
    {
        var unknown = CommunityWords.UsersNamed(batch.Events).Where(id => !_users.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(2));
            foreach (var user in await _api.GetUsersAsync(unknown, cancellationToken: patience.Token).ConfigureAwait(false))
            {
                _users[user.Id] = user;
            }
        }
        catch (Exception e) when (e is VkLongPollException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Names are a nicety: the line goes out with the id.
        }
    }
}
