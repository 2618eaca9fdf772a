using VkLongPoll.Events;

namespace VkLongPoll.Cli.Feed;

/// <summary>
/// Names and chat titles for the feed, fetched in batches (one users.get per name case for all unknown ids of a
/// batch, one getConversationsById for its chats), kept for an hour, and never allowed to stall the feed.
/// </summary>
/// <remarks>
/// The account's own id may be unknown at first (<c>watch</c> asks for it only once the session is connected, so a
/// network fault shows as the session's status, not as a failed start); the first lookup learns it.
/// </remarks>
internal sealed class FeedDirectoryCache(VkApiClient api, long? selfId, TimeProvider time, FeedLanguage language, long? groupId = null) : IFeedDirectory, IEventNames
{
    // English needs one form of a name; Russian lines use five cases (one users.get each).
    private readonly string[] _cases = language == FeedLanguage.Russian ? ["nom", "gen", "dat", "acc", "ins"] : ["nom"];
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<long, (Person Person, DateTimeOffset At)> _users = [];
    private readonly Dictionary<long, (string Title, DateTimeOffset At)> _chats = [];
    /// <summary>How many users, chats and fetched messages the cache keeps; past that the oldest go (a feed runs for weeks).</summary>
    internal const int Capacity = 5_000;

    private readonly Dictionary<long, LongPollMessage> _full = [];
    private readonly Queue<long> _fullOrder = new();
    private readonly Dictionary<long, string> _previousTitles = [];
    private readonly Lock _fetching = new();
    private Task _pending = Task.CompletedTask;

    private long _selfId = selfId ?? 0;

    public long SelfId => Volatile.Read(ref _selfId);

    public Person? User(long id)
    {
        lock (_users)
        {
            return _users.TryGetValue(id, out var entry) ? entry.Person : null;
        }
    }

    /// <summary>The name <c>watch --json</c> writes beside an id: the nominative.</summary>
    public string? UserName(long userId) => User(userId)?.In("nom");

    public string? ChatTitle(long peerId)
    {
        lock (_chats)
        {
            return _chats.TryGetValue(peerId, out var entry) ? entry.Title : null;
        }
    }

    public string? AttachmentUrl(LongPollMessage message, MessageAttachment attachment) =>
        attachment.Url ?? attachment.Link?.Url ?? Fetched(message, attachment)?.Url;

    public string? AttachmentTitle(LongPollMessage message, MessageAttachment attachment) =>
        attachment.Title ?? Fetched(message, attachment)?.Title;

    /// <summary>The same attachment in the complete message messages.getById gave: by kind and id, else by its place.</summary>
    private MessageAttachment? Fetched(LongPollMessage message, MessageAttachment attachment)
    {
        lock (_full)
        {
            return message.MessageId is { } id && _full.TryGetValue(id, out var full)
                ? full.Attachments.FirstOrDefault(a => a.Type == attachment.Type && a.Kind == attachment.Kind && a.Id == attachment.Id)
                    ?? full.Attachments.FirstOrDefault(a => a.Index == attachment.Index)
                : null;
        }
    }

    public string? PreviousTitle(long peerId)
    {
        lock (_chats)
        {
            return _previousTitles.GetValueOrDefault(peerId);
        }
    }

    /// <summary>Looks up what the events name and the cache lacks; waits at most <paramref name="patience"/>, then lets the feed go on.</summary>
    public async Task ResolveAsync(IReadOnlyList<LongPollEvent> events, TimeSpan patience, CancellationToken cancellationToken)
    {
        var (users, chats) = Unknown(events);
        var withAttachments = MessagesWithoutUrls(events);
        if (users.Count == 0 && chats.Count == 0 && withAttachments.Count == 0 && SelfId != 0)
        {
            return;
        }

        // One lookup at a time, each batch's own after the one before (a presence line's, say): a slow one keeps running in
        // the background and fills the cache later, and no batch's names are skipped because another lookup was running.
        Task mine;
        lock (_fetching)
        {
            mine = _pending = AfterAsync(_pending, users, chats, withAttachments, cancellationToken);
        }

        await Task.WhenAny(mine, Task.Delay(patience, time, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Names of the account's friends, fetched ahead (friends.get, then one users.get with every name case for up to 1000 of
    /// them), so a friend's first message is told with a name at once rather than after a lookup. A failure leaves the
    /// lookups to the batches.
    /// </summary>
    public async Task PrefetchFriendsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var body = await api.CallAsync("friends.get", [new("count", "1000")], cancellationToken).ConfigureAwait(false);
            List<long> friends;
            using (var document = System.Text.Json.JsonDocument.Parse(body))
            {
                var response = document.RootElement.GetProperty("response");
                var items = response.ValueKind == System.Text.Json.JsonValueKind.Object && response.TryGetProperty("items", out var found) ? found : response;
                friends = items.ValueKind == System.Text.Json.JsonValueKind.Array ? [.. items.EnumerateArray().Where(i => i.ValueKind == System.Text.Json.JsonValueKind.Number).Select(i => i.GetInt64())] : [];
            }

            var unknown = Unknown(friends);
            if (unknown.Count > 0)
            {
                Remember(await api.GetUserNamesAsync(unknown, _cases, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is VkLongPollException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Names then come with the batches that need them.
        }
    }

    /// <summary>
    /// Renames and new chats are in the events themselves: the cache follows them without an API call, event by event, so a
    /// line is told with the title the chat had at that moment (live or recovered alike).
    /// </summary>
    public void Learn(LongPollEvent e)
    {
        if (e is MessageNewEvent { Message: { PeerId: { IsChat: true } peer, Action: { Type: "chat_create" or "chat_title_update", Text: { } title } action } })
        {
            lock (_chats)
            {
                if ((action.OldText ?? (_chats.TryGetValue(peer.Value, out var known) ? known.Title : null)) is { } previous)
                {
                    _previousTitles[peer.Value] = previous;
                }

                _chats[peer.Value] = (title, time.GetUtcNow());
            }
        }
    }

    private (List<long> Users, List<long> Chats) Unknown(IReadOnlyList<LongPollEvent> events)
    {
        var users = new HashSet<long>();
        var chats = new HashSet<long>();
        foreach (var e in events)
        {
            foreach (var id in Mentioned(e))
            {
                if (id > 2_000_000_000)
                {
                    chats.Add(id);
                }
                else if (id > 0 && id != SelfId)
                {
                    users.Add(id);
                }
            }
        }

        var now = time.GetUtcNow();
        lock (_chats)
        {
            chats.RemoveWhere(id => _chats.TryGetValue(id, out var entry) && now - entry.At < Lifetime);
        }

        return (Unknown(users), [.. chats]);
    }

    /// <summary>Of <paramref name="ids"/>, the users the cache has no fresh name for.</summary>
    private List<long> Unknown(IEnumerable<long> ids)
    {
        var now = time.GetUtcNow();
        lock (_users)
        {
            return [.. ids.Where(id => !(_users.TryGetValue(id, out var entry) && now - entry.At < Lifetime))];
        }
    }

    private void Remember(IReadOnlyList<(long Id, Dictionary<string, string> Names, int Sex)> found)
    {
        lock (_users)
        {
            foreach (var (id, byCase, sex) in found)
            {
                _users[id] = (new Person(id, byCase, sex), time.GetUtcNow());
            }

            ForgetOldest(_users, entry => entry.At);
        }
    }

    private static IEnumerable<long> Mentioned(LongPollEvent e) => e switch
    {
        MessageNewEvent m => [m.Message.FromId ?? 0, m.Message.PeerId?.Value ?? 0, m.Message.Action?.MemberId ?? 0],
        MessageEditEvent m => [m.Message.FromId ?? 0, m.Message.PeerId?.Value ?? 0],
        MessageFlagsSetEvent m => [m.Message.PeerId?.Value ?? 0],
        MessageFlagsResetEvent m => [m.Message.PeerId?.Value ?? 0],
        FriendOnlineEvent f => [f.UserId],
        FriendOfflineEvent f => [f.UserId],
        ActivityEvent a => [a.PeerId.Value, .. a.UserIds],
        MessagesReadInboxEvent r => [r.PeerId.Value],
        MessagesReadOutboxEvent r => [r.PeerId.Value],
        MessagesDeletedEvent d => [d.PeerId.Value],
        NotificationSettingsEvent n => [n.PeerId.Value],
        ChatInfoEvent c => [c.PeerId.Value, c.MemberId ?? 0],
        _ => [],
    };

    /// <summary>Live messages with attachments whose URLs Long Poll did not give (it carries bare ids) and the cache has not fetched.</summary>
    private List<long> MessagesWithoutUrls(IReadOnlyList<LongPollEvent> events)
    {
        lock (_full)
        {
            return [.. events.Select(e => e switch { MessageNewEvent m => m.Message, MessageEditEvent m => m.Message, _ => null })
                .Where(m => m is { MessageId: not null } && m.Attachments.Any(a => (a.Url ?? a.Link?.Url) is null) && !_full.ContainsKey(m.MessageId.Value))
                .Select(m => m!.MessageId!.Value).Distinct()];
        }
    }

    private async Task AfterAsync(Task before, List<long> users, List<long> chats, List<long> messages, CancellationToken cancellationToken)
    {
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FetchAsync(users, chats, messages, cancellationToken).ConfigureAwait(false);
    }

    private async Task FetchAsync(List<long> users, List<long> chats, List<long> messages, CancellationToken cancellationToken)
    {
        try
        {
            if (SelfId == 0 && await api.GetUsersAsync([], "nom", cancellationToken).ConfigureAwait(false) is [var self, ..])
            {
                Volatile.Write(ref _selfId, self.Id);
                users.Remove(self.Id);
            }

            // Attachment links as real VK gives them: messages.getById (full objects, access keys, URLs), 100 a call.
            foreach (var chunk in messages.Chunk(100))
            {
                var full = await api.GetMessagesByIdAsync(chunk, groupId, cancellationToken).ConfigureAwait(false);
                lock (_full)
                {
                    foreach (var message in full)
                    {
                        if (_full.TryAdd(message.MessageId!.Value, message))
                        {
                            _fullOrder.Enqueue(message.MessageId.Value);
                        }
                    }

                    // First fetched, first forgotten: a message's links are wanted while its lines are new.
                    while (_full.Count > Capacity)
                    {
                        _full.Remove(_fullOrder.Dequeue());
                    }
                }
            }

            if (chats.Count > 0)
            {
                var titles = await api.GetChatTitlesAsync(chats, groupId, cancellationToken).ConfigureAwait(false);
                lock (_chats)
                {
                    foreach (var (peer, title) in titles)
                    {
                        _chats[peer] = (title, time.GetUtcNow());
                    }

                    ForgetOldest(_chats, entry => entry.At);
                }
            }

            if (users.Count == 0)
            {
                return;
            }

            Remember(await api.GetUserNamesAsync(users, _cases, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is VkLongPollException or HttpRequestException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A failed lookup leaves ids on screen; the next batch tries again.
        }
    }

    /// <summary>Past <see cref="Capacity"/>, the entries fetched longest ago go (rare: one sort per overflow, a tenth at a time).</summary>
    internal static void ForgetOldest<TValue>(Dictionary<long, TValue> entries, Func<TValue, DateTimeOffset> fetchedAt)
    {
        if (entries.Count <= Capacity)
        {
            return;
        }

        foreach (var key in entries.OrderBy(pair => fetchedAt(pair.Value)).Take(entries.Count - Capacity + (Capacity / 10)).Select(pair => pair.Key).ToList())
        {
            entries.Remove(key);
        }
    }
}
